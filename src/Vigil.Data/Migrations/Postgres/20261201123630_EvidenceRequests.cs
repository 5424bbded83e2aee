using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Vigil.Data.Migrations.Postgres
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
                    Id = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    IncidentId = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    RequestedById = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    RequestedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    RequestedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Reason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    State = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    DecidedById = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    DecidedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    DecidedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    DecisionNote = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    PackageFile = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    PackageSha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    PackageBytes = table.Column<long>(type: "bigint", nullable: true),
                    PackageFiles = table.Column<int>(type: "integer", nullable: true),
                    ExpiresAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Downloads = table.Column<int>(type: "integer", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
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
