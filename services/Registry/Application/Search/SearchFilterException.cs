namespace Mlops.Registry.Application.Search;

/// <summary>
/// A filter or order_by clause the registry cannot use. The caller gets <see cref="Exception.Message"/> as an
/// INVALID_ARGUMENT detail; <see cref="Position"/> is also in the message so that a person can find the spot.
/// </summary>
public sealed class SearchFilterException : RegistryException
{
    public SearchFilterException(string argument, int position, string detail)
        : base(RegistryErrorKind.InvalidArgument, $"{argument}: {detail}")
    {
        Argument = argument;
        Position = position;
    }

    public SearchFilterException()
    {
    }

    public SearchFilterException(string message)
        : base(message)
    {
    }

    public SearchFilterException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The request field at fault: <c>filter</c> or <c>order_by[i]</c>.</summary>
    public string Argument { get; } = "";

    /// <summary>The 0-based character offset in <see cref="Argument"/>'s text where the problem is.</summary>
    public int Position { get; }
}
