using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Vigil.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class PublicWarnings : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "public_warnings",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    ThreadId = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Number = table.Column<int>(type: "INTEGER", nullable: false),
                    IncidentId = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Identifier = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    MessageType = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Sent = table.Column<long>(type: "INTEGER", nullable: false),
                    Expires = table.Column<long>(type: "INTEGER", nullable: true),
                    Headline = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Document = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_public_warnings", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_public_warnings_Identifier",
                table: "public_warnings",
                column: "Identifier",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_public_warnings_IncidentId",
                table: "public_warnings",
                column: "IncidentId");

            migrationBuilder.CreateIndex(
                name: "IX_public_warnings_Sent",
                table: "public_warnings",
                column: "Sent");

            migrationBuilder.CreateIndex(
                name: "IX_public_warnings_ThreadId_Number",
                table: "public_warnings",
                columns: new[] { "ThreadId", "Number" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "public_warnings");
        }
    }
}
