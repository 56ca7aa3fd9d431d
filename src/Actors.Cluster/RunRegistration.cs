namespace Actors.Cluster;

/// <summary>The result of registering a run: what happened, and the run as stored now.</summary>
/// <param name="Outcome">Created, already there, or there with another configuration.</param>
/// <param name="Run">The stored run (for <see cref="RunRegistrationOutcome.ConfigurationDiffers"/>, the existing one).</param>
public sealed record RunRegistration(RunRegistrationOutcome Outcome, RunRecord Run);
