using Microsoft.EntityFrameworkCore;

namespace Mlops.Messaging;

public static class MessagingModelBuilderExtensions
{
    public const string OutboxTable = "outbox_messages";
    public const string InboxTable = "inbox_messages";

    /// <summary>Adds the outbox and inbox tables to a service's model (call from <c>OnModelCreating</c>).</summary>
    public static ModelBuilder AddOutboxAndInbox(this ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.Entity<OutboxMessage>(entity =>
        {
            entity.ToTable(OutboxTable);
            entity.HasKey(message => message.Id);
            entity.Property(message => message.Id).HasColumnName("id").ValueGeneratedNever();
            entity.Property(message => message.SequenceNumber).HasColumnName("sequence_number").UseIdentityByDefaultColumn();
            entity.Property(message => message.MessageType).HasColumnName("message_type").HasMaxLength(500);
            entity.Property(message => message.Payload).HasColumnName("payload").HasColumnType("jsonb");
            entity.Property(message => message.CreatedAt).HasColumnName("created_at");
            entity.Property(message => message.Attempts).HasColumnName("attempts");
            entity.Property(message => message.NextAttemptAt).HasColumnName("next_attempt_at");
            entity.Property(message => message.PublishedAt).HasColumnName("published_at");
            entity.Property(message => message.LastError).HasColumnName("last_error").HasMaxLength(2000);
            entity.HasIndex(message => message.SequenceNumber, "ix_outbox_messages_sequence_number").IsUnique();
            entity.HasIndex(message => message.SequenceNumber, "ix_outbox_messages_unpublished").HasFilter("published_at IS NULL");
        });
        modelBuilder.Entity<InboxMessage>(entity =>
        {
            entity.ToTable(InboxTable);
            entity.HasKey(message => new { message.ConsumerName, message.MessageId });
            entity.Property(message => message.ConsumerName).HasColumnName("consumer_name").HasMaxLength(200);
            entity.Property(message => message.MessageId).HasColumnName("message_id");
            entity.Property(message => message.ProcessedAt).HasColumnName("processed_at");
        });
        return modelBuilder;
    }
}
