using System.Text.Json.Serialization;

namespace Parley.Simulation;

/// <summary>
/// Serializer context for the shapes models reply with. Unlike the artifact context it ignores unknown keys and trailing
/// commas, so a model that adds a key is still understood; a wrong type still fails and is sent back for repair.
/// </summary>
[JsonSourceGenerationOptions(PropertyNameCaseInsensitive = true, ReadCommentHandling = System.Text.Json.JsonCommentHandling.Skip, AllowTrailingCommas = true)]
[JsonSerializable(typeof(UserReply))]
[JsonSerializable(typeof(ToolSimulatorReply))]
internal sealed partial class RoleReplyJsonContext : JsonSerializerContext;
