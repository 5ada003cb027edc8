namespace Mlops.LocalInfrastructure.Networking;

/// <summary>Azurite answers: any response that carries an Azure request id, which an unsigned request gets too (403).</summary>
internal static class AzuriteProbe
{
    public static async Task<bool> AnswersAsync(Uri blobEndpoint, CancellationToken cancellationToken)
    {
        using var handler = new SocketsHttpHandler { UseProxy = false, PooledConnectionLifetime = TimeSpan.Zero };
        using var client = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(3) };
        try
        {
            using var response = await client.GetAsync(new Uri(blobEndpoint, "?comp=list"), cancellationToken).ConfigureAwait(false);
            return response.Headers.Contains("x-ms-request-id");
        }
        catch (Exception e) when (e is HttpRequestException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return false;
        }
    }
}
