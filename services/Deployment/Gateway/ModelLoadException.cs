namespace Mlops.Deployment.Gateway;

/// <summary>A deployment's model could not be fetched, verified, loaded or warmed up; the message is its Failed reason.</summary>
public sealed class ModelLoadException : Exception
{
    public ModelLoadException()
    {
    }

    public ModelLoadException(string message)
        : base(message)
    {
    }

    public ModelLoadException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
