using Google.Protobuf.WellKnownTypes;
using Mlops.Grpc;
using Mlops.Grpc.Server;
using Mlops.Registry.Application.Audit;
using Mlops.Registry.V1;
using ServiceDescriptor = Google.Protobuf.Reflection.ServiceDescriptor;
using AuditEntryMessage = Mlops.Registry.V1.AuditEntry;

namespace Mlops.Registry.Grpc;

/// <summary>mlops.registry.v1.AuditLog.</summary>
public sealed class AuditLogService(AuditUseCases audit) : IGrpcService
{
    public static ServiceDescriptor Descriptor => AuditReflection.Descriptor.FindTypeByName<ServiceDescriptor>("AuditLog");

    public async Task<ListAuditEntriesResponse> ListAuditEntries(ListAuditEntriesRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var page = await audit.ListAsync(
            request.Workspace,
            request.Subject,
            request.Actor,
            request.StartTime?.ToDateTimeOffset(),
            request.EndTime?.ToDateTimeOffset(),
            request.PageSize,
            request.PageToken,
            context.CancellationToken).ConfigureAwait(false);
        var response = new ListAuditEntriesResponse { NextPageToken = page.NextPageToken };
        response.Entries.AddRange(page.Entries.Select(ToProto));
        return response;
    }

    private static AuditEntryMessage ToProto(StoredAuditEntry stored)
    {
        var message = new AuditEntryMessage
        {
            Sequence = stored.Sequence,
            Workspace = stored.Entry.Workspace,
            Actor = stored.Entry.Actor,
            Action = stored.Entry.Action,
            Subject = stored.Entry.Subject,
            Time = Timestamp.FromDateTimeOffset(stored.Entry.Time),
        };
        foreach (var (key, value) in stored.Entry.Details)
        {
            message.Details.Add(key, value);
        }

        return message;
    }
}
