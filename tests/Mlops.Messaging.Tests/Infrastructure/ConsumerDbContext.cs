using Microsoft.EntityFrameworkCore;

namespace Mlops.Messaging.Tests.Infrastructure;

/// <summary>A stand-in for a consuming service's database, with its own inbox.</summary>
public sealed class ConsumerDbContext(DbContextOptions<ConsumerDbContext> options) : DbContext(options)
{
    public DbSet<AppliedEvent> Applied => Set<AppliedEvent>();

    public DbSet<InboxMessage> Inbox => Set<InboxMessage>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<AppliedEvent>(entity =>
        {
            entity.ToTable("applied_events");
            entity.Property(applied => applied.Id).UseIdentityByDefaultColumn();
        });
        modelBuilder.AddOutboxAndInbox();
    }
}
