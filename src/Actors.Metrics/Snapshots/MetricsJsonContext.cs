using System.Text.Json.Serialization;
using Actors.Metrics.Dashboard;

namespace Actors.Metrics.Snapshots;

/// <summary>Source-generated JSON for snapshots and dashboard views: camelCase, enums as strings, NaN and infinities allowed.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    UseStringEnumConverter = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(MetricsSnapshot))]
[JsonSerializable(typeof(DashboardView))]
internal sealed partial class MetricsJsonContext : JsonSerializerContext;
