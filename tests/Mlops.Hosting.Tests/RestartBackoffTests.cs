using Mlops.Hosting.Orchestration;

namespace Mlops.Hosting.Tests;

public sealed class RestartBackoffTests
{
    [Fact]
    public void The_delay_doubles_from_the_initial_one_up_to_the_maximum()
    {
        var backoff = new RestartBackoff { Initial = TimeSpan.FromSeconds(1), Maximum = TimeSpan.FromSeconds(10) };

        var delays = Enumerable.Range(1, 6).Select(backoff.DelayFor).Select(delay => delay.TotalSeconds);

        Assert.Equal([1, 2, 4, 8, 10, 10], delays);
        Assert.Equal(TimeSpan.FromSeconds(10), backoff.DelayFor(int.MaxValue));
        Assert.Throws<ArgumentOutOfRangeException>(() => backoff.DelayFor(0));
    }
}
