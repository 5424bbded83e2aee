using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Vigil.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class IncidentHandover : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<double>(
                name: "Longitude",
                table: "incidents",
                type: "REAL",
                nullable: true,
                oldClrType: typeof(double),
                oldType: "REAL");

            migrationBuilder.AlterColumn<double>(
                name: "Latitude",
                table: "incidents",
                type: "REAL",
                nullable: true,
                oldClrType: typeof(double),
                oldType: "REAL");

            migrationBuilder.AddColumn<string>(
                name: "SourceAgencyId",
                table: "incidents",
                type: "TEXT",
                maxLength: 255,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SourceAgencyName",
                table: "incidents",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SourceIncidentId",
                table: "incidents",
                type: "TEXT",
                maxLength: 255,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "SourceUpdatedAt",
                table: "incidents",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SourceNoteId",
                table: "incident_events",
                type: "TEXT",
                maxLength: 255,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_unit_states_IncidentId",
                table: "unit_states",
                column: "IncidentId");

            migrationBuilder.CreateIndex(
                name: "IX_incidents_SourceAgencyId_SourceIncidentId",
                table: "incidents",
                columns: new[] { "SourceAgencyId", "SourceIncidentId" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_unit_states_IncidentId",
                table: "unit_states");

            migrationBuilder.DropIndex(
                name: "IX_incidents_SourceAgencyId_SourceIncidentId",
                table: "incidents");

            migrationBuilder.DropColumn(
                name: "SourceAgencyId",
                table: "incidents");

            migrationBuilder.DropColumn(
                name: "SourceAgencyName",
                table: "incidents");

            migrationBuilder.DropColumn(
                name: "SourceIncidentId",
                table: "incidents");

            migrationBuilder.DropColumn(
                name: "SourceUpdatedAt",
                table: "incidents");

            migrationBuilder.DropColumn(
                name: "SourceNoteId",
                table: "incident_events");

            migrationBuilder.AlterColumn<double>(
                name: "Longitude",
                table: "incidents",
                type: "REAL",
                nullable: false,
                defaultValue: 0.0,
                oldClrType: typeof(double),
                oldType: "REAL",
                oldNullable: true);

            migrationBuilder.AlterColumn<double>(
                name: "Latitude",
                table: "incidents",
                type: "REAL",
                nullable: false,
                defaultValue: 0.0,
                oldClrType: typeof(double),
                oldType: "REAL",
                oldNullable: true);
        }
    }
}
