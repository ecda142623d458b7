using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace RightHand.Support.Api;

/// <summary>The API pages through tickets by (updated_at, id), as the members sync does: this index serves it at a million tickets.</summary>
internal sealed class TicketSyncIndex : IEntityTypeConfiguration<Ticket>
{
    public void Configure(EntityTypeBuilder<Ticket> builder) => builder.HasIndex(t => new { t.UpdatedAt, t.Id });
}
