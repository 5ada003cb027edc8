using Mlops.Registry.Application;
using Mlops.Registry.Application.Aliases;
using Mlops.Registry.Application.Approvals;
using Mlops.Registry.Infrastructure.Aliases;
using Mlops.Registry.Infrastructure.Approvals;

namespace Mlops.Registry;

internal static class ApprovalsHostingExtensions
{
    /// <summary>Approval policies and decisions, aliases, the version state they add, and model deletion, which both constrain.</summary>
    public static IServiceCollection AddApprovalsAndAliases(this IServiceCollection services) =>
        services
            .AddScoped<IApprovalStore, EfApprovalStore>()
            .AddScoped<IAliasStore, EfAliasStore>()
            .AddScoped<ApprovalUseCases>()
            .AddScoped<AliasUseCases>()
            .AddScoped<ModelDeletionUseCases>();
}
