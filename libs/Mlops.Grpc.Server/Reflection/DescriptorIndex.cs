using Google.Protobuf.Reflection;

namespace Mlops.Grpc.Server.Reflection;

/// <summary>Every file, symbol and extension reachable from the mapped services.</summary>
internal sealed class DescriptorIndex
{
    private readonly Dictionary<string, FileDescriptor> _filesByName = [];
    private readonly Dictionary<string, FileDescriptor> _filesBySymbol = [];
    private readonly Dictionary<(string Type, int Number), FileDescriptor> _filesByExtension = [];
    private readonly HashSet<string> _messageTypes = [];

    public DescriptorIndex(IReadOnlyList<ServiceDescriptor> services)
    {
        ServiceNames = services.Select(s => s.FullName).ToList();
        foreach (var service in services)
        {
            AddFile(service.File);
        }
    }

    public IReadOnlyList<string> ServiceNames { get; }

    public FileDescriptor? FindFile(string name) => _filesByName.GetValueOrDefault(name);

    public FileDescriptor? FindSymbol(string symbol) => _filesBySymbol.GetValueOrDefault(symbol);

    public FileDescriptor? FindExtension(string containingType, int number) => _filesByExtension.GetValueOrDefault((containingType, number));

    public IReadOnlyList<int>? ExtensionNumbers(string messageType) =>
        _messageTypes.Contains(messageType)
            ? _filesByExtension.Keys.Where(k => k.Type == messageType).Select(k => k.Number).Order().ToList()
            : null;

    /// <summary>The file first, then every file it depends on, transitively, each once.</summary>
    public static IEnumerable<FileDescriptor> WithDependencies(FileDescriptor file)
    {
        var seen = new HashSet<string>();
        var pending = new Queue<FileDescriptor>([file]);
        while (pending.TryDequeue(out var next))
        {
            if (!seen.Add(next.Name))
            {
                continue;
            }

            yield return next;
            foreach (var dependency in next.Dependencies)
            {
                pending.Enqueue(dependency);
            }
        }
    }

    private void AddFile(FileDescriptor file)
    {
        if (!_filesByName.TryAdd(file.Name, file))
        {
            return;
        }

        foreach (var dependency in file.Dependencies)
        {
            AddFile(dependency);
        }

        foreach (var service in file.Services)
        {
            _filesBySymbol[service.FullName] = file;
            foreach (var method in service.Methods)
            {
                _filesBySymbol[method.FullName] = file;
            }
        }

        foreach (var message in file.MessageTypes)
        {
            AddMessage(file, message);
        }

        foreach (var enumType in file.EnumTypes)
        {
            _filesBySymbol[enumType.FullName] = file;
        }

        foreach (var extension in file.Extensions.UnorderedExtensions)
        {
            AddExtension(file, extension);
        }
    }

    private void AddMessage(FileDescriptor file, MessageDescriptor message)
    {
        _filesBySymbol[message.FullName] = file;
        _messageTypes.Add(message.FullName);
        foreach (var field in message.Fields.InDeclarationOrder())
        {
            _filesBySymbol[field.FullName] = file;
        }

        foreach (var nested in message.NestedTypes)
        {
            AddMessage(file, nested);
        }

        foreach (var enumType in message.EnumTypes)
        {
            _filesBySymbol[enumType.FullName] = file;
        }

        foreach (var extension in message.Extensions.UnorderedExtensions)
        {
            AddExtension(file, extension);
        }
    }

    private void AddExtension(FileDescriptor file, FieldDescriptor extension)
    {
        _filesBySymbol[extension.FullName] = file;
        _filesByExtension[(extension.ExtendeeType.FullName, extension.FieldNumber)] = file;
    }
}
