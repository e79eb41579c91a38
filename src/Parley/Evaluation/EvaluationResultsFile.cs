using System.Text.Json;

namespace Parley.Evaluation;

/// <summary>Reads an evaluation folder's <c>results.json</c>.</summary>
public static class EvaluationResultsFile
{
    /// <summary>The results of the evaluation in <paramref name="folder"/>.</summary>
    /// <exception cref="ParleyException">There is no <c>results.json</c>, or it does not parse.</exception>
    public static EvaluationResults Read(string folder)
    {
        var path = Path.Combine(folder, Evaluator.ResultsFile);
        if (!File.Exists(path)) throw ParleyException.NotFound(folder, $"no {Evaluator.ResultsFile}: not a finished evaluation");
        try
        {
            return JsonSerializer.Deserialize(File.ReadAllText(path), EvaluationJsonContext.Default.EvaluationResults) ?? throw ParleyException.InvalidFile(path, "empty");
        }
        catch (JsonException e)
        {
            throw ParleyException.InvalidFile(path, e.Message);
        }
    }
}
