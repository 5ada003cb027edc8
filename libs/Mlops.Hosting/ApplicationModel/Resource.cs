namespace Mlops.Hosting.ApplicationModel;

public abstract class Resource(string name) : IResource
{
    public string Name { get; } = ResourceNameRules.Validate(name);

    public abstract string Type { get; }

    public virtual IResource? Parent => null;

    public ResourceAnnotations Annotations { get; } = new();

    public override string ToString() => $"{Type} '{Name}'";
}
