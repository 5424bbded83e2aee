using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Vigil.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class EvidenceRequests : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "evidence_requests",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    IncidentId = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    RequestedById = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    RequestedBy = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    RequestedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    DecidedById = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    DecidedBy = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    DecidedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    DecisionNote = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    PackageFile = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    PackageSha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    PackageBytes = table.Column<long>(type: "INTEGER", nullable: true),
                    PackageFiles = table.Column<int>(type: "INTEGER", nullable: true),
                    ExpiresAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Downloads = table.Column<int>(type: "INTEGER", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_evidence_requests", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_evidence_requests_IncidentId",
                table: "evidence_requests",
                column: "IncidentId");

            migrationBuilder.CreateIndex(
                name: "IX_evidence_requests_State_RequestedAt",
                table: "evidence_requests",
                columns: new[] { "State", "RequestedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "evidence_requests");
        }
    }
}
