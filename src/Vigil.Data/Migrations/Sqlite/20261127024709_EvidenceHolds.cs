using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Vigil.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class EvidenceHolds : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "evidence_holds",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    AlertId = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    HeldBy = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    HeldAt = table.Column<long>(type: "INTEGER", nullable: false),
                    HoldUntil = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_evidence_holds", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_alerts_CameraId_OpenedAt",
                table: "alerts",
                columns: new[] { "CameraId", "OpenedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_evidence_holds_AlertId",
                table: "evidence_holds",
                column: "AlertId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "evidence_holds");

            migrationBuilder.DropIndex(
                name: "IX_alerts_CameraId_OpenedAt",
                table: "alerts");
        }
    }
}
