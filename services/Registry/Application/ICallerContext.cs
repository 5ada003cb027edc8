namespace Mlops.Registry.Application;

/// <summary>Who makes the current request, as recorded in created_by.</summary>
public interface ICallerContext
{
    string UserName { get; }
}
