namespace Actors.Cluster;

/// <summary>What <see cref="IRunStore.CreateRunAsync"/> found.</summary>
public enum RunRegistrationOutcome
{
    /// <summary>The run did not exist and was created.</summary>
    Created,

    /// <summary>The run existed with the same configuration hash; nothing changed (the code version may differ).</summary>
    AlreadyExists,

    /// <summary>The run existed with a different configuration; nothing changed. Compare before resuming.</summary>
    ConfigurationDiffers,
}
