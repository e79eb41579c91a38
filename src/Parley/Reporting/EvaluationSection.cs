using System.Globalization;
using System.Net;
using System.Text;
using Parley.Evaluation;

namespace Parley.Reporting;

/// <summary>The report's section about an evaluation: the pass^k curve with its intervals (SVG), pass^k per domain, and failed trials by kind.</summary>
internal static class EvaluationSection
{
    private const int Width = 420, Height = 220, Pad = 36;

    public static string Render(EvaluationResults results)
    {
        var html = new StringBuilder();
        html.Append("\n  <section id=\"evaluation\">\n    <h2>Evaluation</h2>\n");
        html.Append(CultureInfo.InvariantCulture, $"    <p>Agent <b>{Encode(results.Agent)}</b> with user {Encode(results.User)}: {results.Tasks} tasks × {results.Trials} trials, {results.TrialsPassed} of {results.Tasks * results.Trials} trials passed (seed {results.Seed}). The dialogue browser below holds the trials: kept = passed, rejected = failed.</p>\n");
        html.Append("    <div class=\"charts\"><figure>").Append(Curve(results)).Append("<figcaption>pass^k with 95% bootstrap intervals</figcaption></figure></div>\n");
        var ks = results.PassHatK.Keys.ToList();
        html.Append("    <div class=\"scroll\"><table id=\"eval-domains\"><tr><th>domain</th><th>tasks</th>");
        foreach (var k in ks) html.Append("<th>pass^").Append(k).Append("</th>");
        html.Append("</tr>\n");
        foreach (var (domain, row) in results.ByDomain.Append(new("all", new DomainResults { Tasks = results.Tasks, PassHatK = results.PassHatK, Failures = results.Failures })))
        {
            html.Append("      <tr><td>").Append(Encode(domain)).Append("</td><td>").Append(row.Tasks.ToString(CultureInfo.InvariantCulture)).Append("</td>");
            foreach (var k in ks)
            {
                var v = row.PassHatK[k];
                html.Append(CultureInfo.InvariantCulture, $"<td>{v.Value:0.000} <span class=\"muted\">[{v.Ci95[0]:0.000}, {v.Ci95[1]:0.000}]</span></td>");
            }
            html.Append("</tr>\n");
        }
        html.Append("    </table></div>\n    <h3>Failed trials by kind</h3>\n    <div class=\"scroll\"><table id=\"eval-failures\"><tr><th>kind</th><th>trials</th></tr>\n");
        foreach (var (kind, n) in results.Failures) html.Append("      <tr><td>").Append(Encode(kind)).Append("</td><td>").Append(n.ToString(CultureInfo.InvariantCulture)).Append("</td></tr>\n");
        if (results.Failures.Count == 0) html.Append("      <tr><td colspan=\"2\">none</td></tr>\n");
        html.Append("    </table></div>\n  </section>");
        return html.ToString();
    }

    private static string Curve(EvaluationResults results)
    {
        var points = results.PassHatK.Select((p, i) => (K: i + 1, p.Value.Value, Low: p.Value.Ci95[0], High: p.Value.Ci95[1])).ToList();
        double X(int k) => points.Count == 1 ? Width / 2.0 : Pad + (k - 1) * (Width - 2.0 * Pad) / (points.Count - 1);
        double Y(double v) => Height - Pad - v * (Height - 2.0 * Pad);
        var svg = new StringBuilder().Append(CultureInfo.InvariantCulture, $"<svg id=\"pass-hat-k\" viewBox=\"0 0 {Width} {Height}\" width=\"{Width}\" height=\"{Height}\" role=\"img\" aria-label=\"pass^k curve\">");
        svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Pad}\" y1=\"{Y(0):0.#}\" x2=\"{Width - Pad}\" y2=\"{Y(0):0.#}\" stroke=\"#999\"/><line x1=\"{Pad}\" y1=\"{Y(0):0.#}\" x2=\"{Pad}\" y2=\"{Y(1):0.#}\" stroke=\"#999\"/>");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"4\" y=\"{Y(1) + 4:0.#}\" font-size=\"11\">1.0</text><text x=\"4\" y=\"{Y(0) + 4:0.#}\" font-size=\"11\">0.0</text>");
        svg.Append("<polyline fill=\"none\" stroke=\"#2563eb\" stroke-width=\"2\" points=\"")
            .AppendJoin(' ', points.Select(p => string.Create(CultureInfo.InvariantCulture, $"{X(p.K):0.#},{Y(p.Value):0.#}"))).Append("\"/>");
        foreach (var p in points)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{X(p.K):0.#}\" y1=\"{Y(p.Low):0.#}\" x2=\"{X(p.K):0.#}\" y2=\"{Y(p.High):0.#}\" stroke=\"#93c5fd\" stroke-width=\"6\" opacity=\"0.6\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<circle cx=\"{X(p.K):0.#}\" cy=\"{Y(p.Value):0.#}\" r=\"4\" fill=\"#2563eb\"><title>pass^{p.K} = {p.Value:0.000} [{p.Low:0.000}, {p.High:0.000}]</title></circle>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{X(p.K) - 4:0.#}\" y=\"{Height - 12}\" font-size=\"11\">k={p.K}</text>");
        }
        return svg.Append("</svg>").ToString();
    }

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
