using Parley.Tests.TestDoubles;

// Built environments and generated runs are shared by every test class that asks for them.
[assembly: AssemblyFixture(typeof(BuiltEnvironments))]
[assembly: AssemblyFixture(typeof(GeneratedRuns))]
