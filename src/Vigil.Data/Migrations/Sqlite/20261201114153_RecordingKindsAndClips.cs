using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Vigil.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class RecordingKindsAndClips : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "Kind",
                table: "recording_segments",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<long>(
                name: "ClipFrom",
                table: "alerts",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "ClipTo",
                table: "alerts",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_recording_segments_EndedAt",
                table: "recording_segments",
                column: "EndedAt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_recording_segments_EndedAt",
                table: "recording_segments");

            migrationBuilder.DropColumn(
                name: "Kind",
                table: "recording_segments");

            migrationBuilder.DropColumn(
                name: "ClipFrom",
                table: "alerts");

            migrationBuilder.DropColumn(
                name: "ClipTo",
                table: "alerts");
        }
    }
}
