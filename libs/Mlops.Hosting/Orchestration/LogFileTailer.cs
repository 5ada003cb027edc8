using System.Text;

namespace Mlops.Hosting.Orchestration;

/// <summary>Follows a log file a server writes (PostgreSQL, RabbitMQ, Azurite), from its end at the time of the start, line by line.</summary>
internal sealed class LogFileTailer : IAsyncDisposable
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);

    private readonly string _path;
    private readonly Action<string> _onLine;
    private readonly CancellationTokenSource _stop = new();
    private readonly StringBuilder _partial = new();
    private long _offset;
    private Task _loop = Task.CompletedTask;

    private LogFileTailer(string path, Action<string> onLine)
    {
        _path = path;
        _onLine = onLine;
        _offset = File.Exists(path) ? new FileInfo(path).Length : 0;
    }

    public static LogFileTailer Start(string path, Action<string> onLine)
    {
        var tailer = new LogFileTailer(path, onLine);
        tailer._loop = tailer.FollowAsync();
        return tailer;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
        ReadNew();
        if (_partial.Length > 0)
        {
            _onLine(_partial.ToString());
        }

        _stop.Dispose();
    }

    private async Task FollowAsync()
    {
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                ReadNew();
                await Task.Delay(PollInterval, _stop.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private void ReadNew()
    {
        try
        {
            using var stream = new FileStream(_path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            if (stream.Length < _offset)
            {
                // Truncated or replaced: a fresh log.
                _offset = 0;
            }

            stream.Seek(_offset, SeekOrigin.Begin);
            using var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: false, leaveOpen: true);
            var text = reader.ReadToEnd();
            _offset = stream.Position;
            foreach (var character in text)
            {
                if (character == '\n')
                {
                    _onLine(_partial.ToString().TrimEnd('\r'));
                    _partial.Clear();
                }
                else
                {
                    _partial.Append(character);
                }
            }
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or IOException or UnauthorizedAccessException)
        {
        }
    }
}
