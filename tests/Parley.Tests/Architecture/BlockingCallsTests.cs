using Mono.Cecil;
using Mono.Cecil.Cil;
using Parley.Dialogues;

namespace Parley.Tests.Architecture;

/// <summary>
/// The planning and dialogue path is async end to end: no method outside an async state machine waits on an awaiter
/// (<c>.GetAwaiter().GetResult()</c>), a task's <c>Result</c> or <c>Wait()</c>. Read from the compiled IL, so a blocking
/// call cannot hide behind a helper.
/// </summary>
public sealed class BlockingCallsTests
{
    [Theory]
    [InlineData("Parley.Tasks")]
    [InlineData("Parley.Simulation")]
    [InlineData("Parley.Verification")]
    public void NothingBlocksOnAsyncWork_InTheNamespace(string ns)
    {
        using var module = ModuleDefinition.ReadModule(typeof(Dialogue).Assembly.Location);
        var blocking = module.Types.Where(t => t.Namespace == ns)
            .SelectMany(AllTypes)
            .Where(t => !t.Interfaces.Any(i => i.InterfaceType.Name == "IAsyncStateMachine"))
            .SelectMany(t => t.Methods.Where(m => m.HasBody).SelectMany(m => m.Body.Instructions
                .Where(i => i.OpCode.FlowControl == FlowControl.Call && i.Operand is MethodReference callee && Blocks(callee))
                .Select(i => $"{t.FullName}.{m.Name} calls {((MethodReference)i.Operand).DeclaringType.Name}.{((MethodReference)i.Operand).Name}")))
            .ToList();

        blocking.Should().BeEmpty();
    }

    private static IEnumerable<TypeDefinition> AllTypes(TypeDefinition type) => [type, .. type.NestedTypes.SelectMany(AllTypes)];

    private static bool Blocks(MethodReference callee)
    {
        var type = callee.DeclaringType.Name;
        return (callee.Name == "GetResult" && type.Contains("Awaiter", StringComparison.Ordinal))
            || (callee.Name is "get_Result" or "Wait" && type.StartsWith("Task", StringComparison.Ordinal))
            || (callee.Name == "get_Result" && type.StartsWith("ValueTask", StringComparison.Ordinal));
    }
}
