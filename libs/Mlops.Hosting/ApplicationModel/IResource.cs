namespace Mlops.Hosting.ApplicationModel;

/// <summary>A part of the system the AppHost starts, wires and watches: a server, a database, a service.</summary>
public interface IResource
{
    /// <summary>Unique in the application; it names the resource's configuration keys and prefixes its log lines.</summary>
    string Name { get; }

    /// <summary>What kind of thing it is, for the resource table ("postgres", "project", ...).</summary>
    string Type { get; }

    /// <summary>The resource this one lives inside (a database in its server), started and healthy before it.</summary>
    IResource? Parent { get; }

    ResourceAnnotations Annotations { get; }
}
