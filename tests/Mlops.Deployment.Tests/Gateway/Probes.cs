using Mlops.Grpc;
using Mlops.Testing;

namespace Mlops.Deployment.Tests.Gateway;

public static class Probes
{
    /// <summary>Waits until <paramref name="probe"/> gives a result.</summary>
    public static async Task<T> UntilAsync<T>(Func<Task<T?>> probe, string what)
        where T : class
    {
        T? result = null;
        await Eventually.UntilAsync(async () => (result = await probe()) is not null, what);
        return result!;
    }

    /// <summary>The call's refusal, or null when it succeeds.</summary>
    public static async Task<RpcException?> RefusalAsync(Func<Task> call)
    {
        try
        {
            await call();
            return null;
        }
        catch (RpcException e)
        {
            return e;
        }
    }

    /// <summary>The call's result, or null while it is refused with <paramref name="code"/>.</summary>
    public static async Task<T?> UnlessAsync<T>(StatusCode code, Func<Task<T>> call)
        where T : class
    {
        try
        {
            return await call();
        }
        catch (RpcException e) when (e.StatusCode == code)
        {
            return null;
        }
    }
}
