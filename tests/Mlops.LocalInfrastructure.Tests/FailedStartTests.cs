using System.Runtime.Versioning;
using Mlops.LocalInfrastructure.Tests.Infrastructure;

namespace Mlops.LocalInfrastructure.Tests;

[SupportedOSPlatform("linux")]
public sealed class FailedStartTests
{
    [Theory]
    [InlineData("postgres")]
    [InlineData("rabbitmq")]
    [InlineData("azurite")]
    public async Task A_missing_binary_is_named_when_installing_is_off(string resource)
    {
        await using var state = TestState.Create("missing");
        state.Options = state.Options with
        {
            InstallMissingPrerequisites = false,
            PostgresBinDirectory = "/nonexistent/bin",
            RabbitMqServerPath = "/nonexistent/rabbitmq-server",
            AzuriteDirectory = "/nonexistent/azurite",
        };

        var error = await Assert.ThrowsAsync<LocalResourceException>(() => new LocalServers(state.Options).Get(resource).StartAsync());

        Assert.Equal(resource, error.Resource);
        Assert.StartsWith("binary missing: ", error.Reason, StringComparison.Ordinal);
        Assert.Contains("/nonexistent/", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_state_folder_the_server_user_cannot_reach_is_a_permission_error()
    {
        var locked = Directory.CreateTempSubdirectory("mlops-infra-locked-");
        try
        {
            // Searchable by its owner only: root's postgres user, or a non-root owner's own mkdir, cannot get through.
            File.SetUnixFileMode(locked.FullName, Environment.IsPrivilegedProcess ? UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute : UnixFileMode.UserRead);
            await using var state = TestState.Create("perm", Environment.IsPrivilegedProcess ? locked.FullName : null);
            if (!Environment.IsPrivilegedProcess)
            {
                state.Options = state.Options with { StateDirectory = Path.Combine(locked.FullName, "state") };
            }

            var error = await Assert.ThrowsAsync<LocalResourceException>(() => new PostgresServer(state.Options).StartAsync());

            Assert.Equal("postgres", error.Resource);
            Assert.StartsWith("permission denied", error.Reason, StringComparison.Ordinal);
            Assert.Empty(TestState.ProcessesOf(state.Directory));
        }
        finally
        {
            File.SetUnixFileMode(locked.FullName, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            locked.Delete(recursive: true);
        }
    }
}
