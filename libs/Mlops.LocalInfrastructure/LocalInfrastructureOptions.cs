using System.Globalization;

namespace Mlops.LocalInfrastructure;

/// <summary>
/// Where the local infrastructure keeps its state and which loopback ports it uses. The defaults
/// are uncommon ports, so a system PostgreSQL or RabbitMQ on the standard ones does not clash;
/// each can be overridden by an environment variable (see <see cref="FromEnvironment()"/>).
/// </summary>
public sealed record LocalInfrastructureOptions
{
    public const int DefaultPostgresPort = 54329;
    public const int DefaultRabbitMqPort = 56729;
    public const int DefaultRabbitMqEpmdPort = 43699;
    public const int DefaultRabbitMqDistributionPort = 25679;
    public const int DefaultAzuriteBlobPort = 10090;

    public const string StateDirectoryVariable = "MLOPS_STATE_DIR";
    public const string PostgresPortVariable = "MLOPS_POSTGRES_PORT";
    public const string RabbitMqPortVariable = "MLOPS_RABBITMQ_PORT";
    public const string RabbitMqEpmdPortVariable = "MLOPS_RABBITMQ_EPMD_PORT";
    public const string RabbitMqDistributionPortVariable = "MLOPS_RABBITMQ_DIST_PORT";
    public const string AzuriteBlobPortVariable = "MLOPS_AZURITE_BLOB_PORT";
    public const string InstallPrerequisitesVariable = "MLOPS_INSTALL_PREREQUISITES";

    /// <summary>Pid files, logs and data of every resource, one sub-folder each; by default <c>&lt;repo&gt;/.state</c>.</summary>
    public required string StateDirectory { get; init; }

    /// <summary>The repository root (the folder holding Mlops.sln), when there is one: Azurite and the prerequisites script live in it.</summary>
    public string? RepositoryRoot { get; init; }

    public int PostgresPort { get; init; } = DefaultPostgresPort;

    public int RabbitMqPort { get; init; } = DefaultRabbitMqPort;

    /// <summary>The private epmd (Erlang port mapper) the RabbitMQ node registers with, instead of the system one on 4369.</summary>
    public int RabbitMqEpmdPort { get; init; } = DefaultRabbitMqEpmdPort;

    /// <summary>The Erlang distribution port of the RabbitMQ node (RabbitMQ's own default, AMQP + 20000, would be past 65535).</summary>
    public int RabbitMqDistributionPort { get; init; } = DefaultRabbitMqDistributionPort;

    public int AzuriteBlobPort { get; init; } = DefaultAzuriteBlobPort;

    public string RabbitMqNodeName { get; init; } = "mlops@localhost";

    public string PostgresBinDirectory { get; init; } = "/usr/lib/postgresql/15/bin";

    /// <summary>Debian's server script itself, not the /usr/sbin wrapper that switches to the rabbitmq user.</summary>
    public string RabbitMqServerPath { get; init; } = "/usr/lib/rabbitmq/bin/rabbitmq-server";

    public string EpmdPath { get; init; } = "/usr/bin/epmd";

    /// <summary>The npm project that pins Azurite (package.json and package-lock.json); <c>&lt;repo&gt;/eng/azurite</c>.</summary>
    public string? AzuriteDirectory { get; init; }

    /// <summary>
    /// Run <c>eng/prerequisites.sh</c> when a binary is missing (apt packages, npm ci); false makes a missing binary an
    /// error at once. Off with <c>MLOPS_INSTALL_PREREQUISITES=0</c>.
    /// </summary>
    public bool InstallMissingPrerequisites { get; init; } = true;

    /// <summary>How long one start may take before it is called failed (a cold RabbitMQ boot takes 5-10 s on 2 cores).</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(90);

    public string? PrerequisitesScript => RepositoryRoot is null ? null : Path.Combine(RepositoryRoot, "eng", "prerequisites.sh");

    /// <summary>The defaults, overridden by this process's environment variables.</summary>
    public static LocalInfrastructureOptions FromEnvironment() => FromEnvironment(Environment.GetEnvironmentVariable);

    /// <summary>
    /// The defaults, overridden by <c>MLOPS_STATE_DIR</c>, <c>MLOPS_POSTGRES_PORT</c>, <c>MLOPS_RABBITMQ_PORT</c>,
    /// <c>MLOPS_RABBITMQ_EPMD_PORT</c>, <c>MLOPS_RABBITMQ_DIST_PORT</c>, <c>MLOPS_AZURITE_BLOB_PORT</c> and
    /// <c>MLOPS_INSTALL_PREREQUISITES</c> as <paramref name="getVariable"/> gives them.
    /// </summary>
    public static LocalInfrastructureOptions FromEnvironment(Func<string, string?> getVariable, string? startDirectory = null)
    {
        ArgumentNullException.ThrowIfNull(getVariable);
        var root = FindRepositoryRoot(startDirectory ?? AppContext.BaseDirectory) ?? FindRepositoryRoot(Directory.GetCurrentDirectory());
        var stateDirectory = getVariable(StateDirectoryVariable);
        if (string.IsNullOrWhiteSpace(stateDirectory))
        {
            stateDirectory = root is not null
                ? Path.Combine(root, ".state")
                : throw new InvalidOperationException($"No Mlops.sln above {startDirectory ?? AppContext.BaseDirectory}: set {StateDirectoryVariable} to say where the local infrastructure keeps its state.");
        }

        return new LocalInfrastructureOptions
        {
            StateDirectory = Path.GetFullPath(stateDirectory),
            RepositoryRoot = root,
            AzuriteDirectory = root is null ? null : Path.Combine(root, "eng", "azurite"),
            PostgresPort = Port(getVariable, PostgresPortVariable, DefaultPostgresPort),
            RabbitMqPort = Port(getVariable, RabbitMqPortVariable, DefaultRabbitMqPort),
            RabbitMqEpmdPort = Port(getVariable, RabbitMqEpmdPortVariable, DefaultRabbitMqEpmdPort),
            RabbitMqDistributionPort = Port(getVariable, RabbitMqDistributionPortVariable, DefaultRabbitMqDistributionPort),
            AzuriteBlobPort = Port(getVariable, AzuriteBlobPortVariable, DefaultAzuriteBlobPort),
            InstallMissingPrerequisites = getVariable(InstallPrerequisitesVariable)?.Trim() is not ("0" or "false" or "no"),
        };
    }

    /// <summary>The first folder from <paramref name="startDirectory"/> upwards that holds Mlops.sln, or null.</summary>
    public static string? FindRepositoryRoot(string startDirectory)
    {
        for (var directory = new DirectoryInfo(startDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Mlops.sln")))
            {
                return directory.FullName;
            }
        }

        return null;
    }

    private static int Port(Func<string, string?> getVariable, string variable, int defaultPort)
    {
        var value = getVariable(variable);
        if (string.IsNullOrWhiteSpace(value))
        {
            return defaultPort;
        }

        return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is > 0 and < 65536
            ? port
            : throw new InvalidOperationException($"{variable}={value} is not a TCP port (1-65535).");
    }
}
