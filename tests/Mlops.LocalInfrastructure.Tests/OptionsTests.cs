using Mlops.LocalInfrastructure.Tests.Infrastructure;

namespace Mlops.LocalInfrastructure.Tests;

public sealed class OptionsTests
{
    private static readonly string Root = TestState.RepositoryRoot;

    [Fact]
    public void Defaults_are_uncommon_loopback_ports_and_the_state_folder_in_the_repository()
    {
        var options = LocalInfrastructureOptions.FromEnvironment(_ => null, Root);

        Assert.Equal(Path.Combine(Root, ".state"), options.StateDirectory);
        Assert.Equal(Root, options.RepositoryRoot);
        Assert.Equal(Path.Combine(Root, "eng", "azurite"), options.AzuriteDirectory);
        Assert.Equal(Path.Combine(Root, "eng", "prerequisites.sh"), options.PrerequisitesScript);
        int[] ports = [options.PostgresPort, options.RabbitMqPort, options.RabbitMqEpmdPort, options.RabbitMqDistributionPort, options.AzuriteBlobPort];
        Assert.Equal([54329, 56729, 43699, 25679, 10090], ports);
        Assert.True(options.InstallMissingPrerequisites);
    }

    [Fact]
    public void Environment_variables_override_every_port_and_the_state_folder()
    {
        var variables = new Dictionary<string, string>
        {
            ["MLOPS_STATE_DIR"] = "relative/state",
            ["MLOPS_POSTGRES_PORT"] = "15001",
            ["MLOPS_RABBITMQ_PORT"] = "15002",
            ["MLOPS_RABBITMQ_EPMD_PORT"] = "15003",
            ["MLOPS_RABBITMQ_DIST_PORT"] = "15004",
            ["MLOPS_AZURITE_BLOB_PORT"] = "15005",
            ["MLOPS_INSTALL_PREREQUISITES"] = "0",
        };

        var options = LocalInfrastructureOptions.FromEnvironment(name => variables.GetValueOrDefault(name), Root);

        Assert.Equal(Path.GetFullPath("relative/state"), options.StateDirectory);
        int[] ports = [options.PostgresPort, options.RabbitMqPort, options.RabbitMqEpmdPort, options.RabbitMqDistributionPort, options.AzuriteBlobPort];
        Assert.Equal([15001, 15002, 15003, 15004, 15005], ports);
        Assert.False(options.InstallMissingPrerequisites);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("65536")]
    [InlineData("54 329")]
    [InlineData("-1")]
    public void A_port_variable_that_is_no_port_is_an_error_naming_it(string value)
    {
        var error = Assert.Throws<InvalidOperationException>(
            () => LocalInfrastructureOptions.FromEnvironment(name => name == "MLOPS_RABBITMQ_PORT" ? value : null, Root));

        Assert.Contains("MLOPS_RABBITMQ_PORT", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_repository_root_is_the_first_folder_upwards_with_Mlops_sln()
    {
        Assert.Equal(Root, LocalInfrastructureOptions.FindRepositoryRoot(Path.Combine(Root, "libs", "Mlops.LocalInfrastructure")));
        Assert.Null(LocalInfrastructureOptions.FindRepositoryRoot("/proc/self"));
    }

    [Fact]
    public void Connection_details_follow_the_ports()
    {
        var options = new LocalInfrastructureOptions { StateDirectory = "/tmp/unused", PostgresPort = 15001, RabbitMqPort = 15002, AzuriteBlobPort = 15005 };

        Assert.Equal(
            "Host=127.0.0.1;Port=15001;Username=mlops;Password=mlops;Database=registrydb",
            new PostgresServer(options).ConnectionString("registrydb"));
        Assert.Equal(new Uri("amqp://guest:guest@127.0.0.1:15002/"), new RabbitMqServer(options).AmqpUri);
        Assert.Equal(
            "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;"
            + "AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;"
            + "BlobEndpoint=http://127.0.0.1:15005/devstoreaccount1;",
            new AzuriteServer(options).BlobConnectionString);
    }

    [Theory]
    [InlineData("")]
    [InlineData("a;Password=x")]
    [InlineData("quote\"d")]
    [InlineData("a_name_of_sixty_four_characters_is_one_more_than_postgres_allows")]
    public void A_database_name_that_could_break_the_connection_string_or_the_sql_is_refused(string name)
    {
        var postgres = new PostgresServer(new LocalInfrastructureOptions { StateDirectory = "/tmp/unused" });

        Assert.ThrowsAny<ArgumentException>(() => postgres.ConnectionString(name));
    }
}
