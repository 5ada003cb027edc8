namespace Mlops.Grpc;

/// <summary>A call that ended with a status other than OK.</summary>
public class RpcException : Exception
{
    public RpcException(Status status)
        : this(status, new Metadata(), richStatus: null)
    {
    }

    public RpcException(StatusCode code, string detail)
        : this(new Status(code, detail))
    {
    }

    public RpcException(Status status, Metadata trailers, Google.Rpc.Status? richStatus = null, Exception? innerException = null)
        : base(status.Detail.Length == 0 ? $"Status(StatusCode=\"{status.Code}\")" : $"{status.Code}: {status.Detail}", innerException)
    {
        Status = status;
        Trailers = trailers;
        RichStatus = richStatus;
    }

    public Status Status { get; }

    public StatusCode StatusCode => Status.Code;

    /// <summary>Trailers sent with the status (client side), or to send with it (server side).</summary>
    public Metadata Trailers { get; }

    /// <summary>The google.rpc.Status carried in grpc-status-details-bin, when there is one.</summary>
    public Google.Rpc.Status? RichStatus { get; }

    /// <summary>Builds an exception whose rich status carries typed details (ErrorInfo, BadRequest, ...).</summary>
    public static RpcException WithDetails(StatusCode code, string message, params Google.Protobuf.IMessage[] details)
    {
        var rich = new Google.Rpc.Status { Code = (int)code, Message = message };
        foreach (var detail in details)
        {
            rich.Details.Add(Google.Protobuf.WellKnownTypes.Any.Pack(detail));
        }

        return new RpcException(new Status(code, message), new Metadata(), rich);
    }
}
