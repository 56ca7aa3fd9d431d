using System.Text.Json.Nodes;

namespace Actors.Parquet.Tests;

/// <summary>The verifier's summary for one file and the rows it printed.</summary>
public sealed record VerifyResult(string File, JsonObject Summary, List<JsonObject> Rows)
{
    public bool Ok => Summary["ok"]?.GetValue<bool>() == true;

    public string Problems => Summary["problems"]?.ToJsonString() ?? "[]";
}
