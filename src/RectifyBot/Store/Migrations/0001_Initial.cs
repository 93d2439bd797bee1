using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace RectifyBot.Store.Migrations;

[DbContext(typeof(RectifyDbContext))]
[Migration("20261122000001_Initial")]
public sealed class Initial : Migration
{
    protected override void Up(MigrationBuilder m)
    {
        m.CreateTable("Units", t => new
        {
            Id = t.Identity<int>(),
            Name = t.Column<string>(nullable: false),
        }, constraints: t => t.PrimaryKey("PK_Units", x => x.Id));
        m.CreateIndex("IX_Units_Name", "Units", "Name", unique: true);

        m.CreateTable("UnitAliases", t => new
        {
            Id = t.Identity<int>(),
            UnitId = t.Column<int>(nullable: false),
            Alias = t.Column<string>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_UnitAliases", x => x.Id);
            t.ForeignKey("FK_UnitAliases_Units_UnitId", x => x.UnitId, "Units", "Id", onDelete: ReferentialAction.Cascade);
        });
        m.CreateIndex("IX_UnitAliases_Alias", "UnitAliases", "Alias", unique: true);
        m.CreateIndex("IX_UnitAliases_UnitId", "UnitAliases", "UnitId");

        m.CreateTable("Staff", t => new
        {
            Id = t.Identity<int>(),
            Name = t.Column<string>(nullable: false),
            UnitId = t.Column<int>(nullable: true),
            Roles = t.Column<int>(nullable: false),
            TeamsId = t.Column<string>(nullable: true),
            WeComId = t.Column<string>(nullable: true),
            WebLogin = t.Column<string>(nullable: true),
            PasswordHash = t.Column<string>(nullable: true),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_Staff", x => x.Id);
            t.ForeignKey("FK_Staff_Units_UnitId", x => x.UnitId, "Units", "Id", onDelete: ReferentialAction.SetNull);
        });
        m.CreateIndex("IX_Staff_Name", "Staff", "Name");
        m.CreateIndex("IX_Staff_UnitId", "Staff", "UnitId");
        m.CreateIndex("IX_Staff_TeamsId", "Staff", "TeamsId", unique: true);
        m.CreateIndex("IX_Staff_WeComId", "Staff", "WeComId", unique: true);
        m.CreateIndex("IX_Staff_WebLogin", "Staff", "WebLogin", unique: true);

        m.CreateTable("Inspections", t => new
        {
            Id = t.Identity<int>(),
            Name = t.Column<string>(nullable: false),
            InspectingBody = t.Column<string>(nullable: true),
            InspectedOrganisation = t.Column<string>(nullable: true),
            FeedbackDate = t.Column<DateOnly>(nullable: true),
            PrincipalLeaderId = t.Column<int>(nullable: true),
            SourceFileName = t.Column<string>(nullable: true),
            SourceSha256 = t.Column<string>(nullable: true),
            CreatedAt = t.Column<DateTime>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_Inspections", x => x.Id);
            t.ForeignKey("FK_Inspections_Staff_PrincipalLeaderId", x => x.PrincipalLeaderId, "Staff", "Id", onDelete: ReferentialAction.SetNull);
        });
        m.CreateIndex("IX_Inspections_SourceSha256", "Inspections", "SourceSha256");
        m.CreateIndex("IX_Inspections_PrincipalLeaderId", "Inspections", "PrincipalLeaderId");

        m.CreateTable("Stages", t => new
        {
            Id = t.Identity<int>(),
            InspectionId = t.Column<int>(nullable: false),
            Ordinal = t.Column<int>(nullable: false),
            Name = t.Column<string>(nullable: false),
            Start = t.Column<DateOnly>(nullable: true),
            End = t.Column<DateOnly>(nullable: true),
            IsConcentrated = t.Column<bool>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_Stages", x => x.Id);
            t.ForeignKey("FK_Stages_Inspections_InspectionId", x => x.InspectionId, "Inspections", "Id", onDelete: ReferentialAction.Cascade);
        });
        m.CreateIndex("IX_Stages_InspectionId", "Stages", "InspectionId");

        m.CreateTable("Aspects", t => new
        {
            Id = t.Identity<int>(),
            InspectionId = t.Column<int>(nullable: false),
            Ordinal = t.Column<int>(nullable: false),
            Title = t.Column<string>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_Aspects", x => x.Id);
            t.ForeignKey("FK_Aspects_Inspections_InspectionId", x => x.InspectionId, "Inspections", "Id", onDelete: ReferentialAction.Cascade);
        });
        m.CreateIndex("IX_Aspects_InspectionId", "Aspects", "InspectionId");

        m.CreateTable("Problems", t => new
        {
            Id = t.Identity<int>(),
            AspectId = t.Column<int>(nullable: false),
            Ordinal = t.Column<int>(nullable: false),
            Title = t.Column<string>(nullable: false),
            Text = t.Column<string>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_Problems", x => x.Id);
            t.ForeignKey("FK_Problems_Aspects_AspectId", x => x.AspectId, "Aspects", "Id", onDelete: ReferentialAction.Cascade);
        });
        m.CreateIndex("IX_Problems_AspectId", "Problems", "AspectId");

        m.CreateTable("Findings", t => new
        {
            Id = t.Identity<int>(),
            ProblemId = t.Column<int>(nullable: false),
            Ordinal = t.Column<int>(nullable: false),
            Title = t.Column<string>(nullable: false),
            Text = t.Column<string>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_Findings", x => x.Id);
            t.ForeignKey("FK_Findings_Problems_ProblemId", x => x.ProblemId, "Problems", "Id", onDelete: ReferentialAction.Cascade);
        });
        m.CreateIndex("IX_Findings_ProblemId", "Findings", "ProblemId");

        m.CreateTable("Measures", t => new
        {
            Id = t.Identity<int>(),
            InspectionId = t.Column<int>(nullable: false),
            FindingId = t.Column<int>(nullable: false),
            Number = t.Column<int>(nullable: false),
            Text = t.Column<string>(nullable: false),
            ResponsibleLeader = t.Column<string>(nullable: true),
            OwnerId = t.Column<int>(nullable: true),
            Deadline_Kind = t.Column<string>(maxLength: 16, nullable: false),
            Deadline_Date = t.Column<DateOnly>(nullable: true),
            Deadline_Recurrence = t.Column<string>(maxLength: 16, nullable: true),
            Deadline_SourceText = t.Column<string>(nullable: true),
            DueDate = t.Column<DateOnly>(nullable: true),
            LastUpdateOn = t.Column<DateOnly>(nullable: true),
            Milestones = t.Column<string>(nullable: false),
            Status = t.Column<string>(maxLength: 16, nullable: false),
            Version = t.Column<int>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_Measures", x => x.Id);
            t.ForeignKey("FK_Measures_Inspections_InspectionId", x => x.InspectionId, "Inspections", "Id", onDelete: ReferentialAction.Cascade);
            t.ForeignKey("FK_Measures_Findings_FindingId", x => x.FindingId, "Findings", "Id", onDelete: ReferentialAction.Restrict);
            t.ForeignKey("FK_Measures_Staff_OwnerId", x => x.OwnerId, "Staff", "Id", onDelete: ReferentialAction.SetNull);
        });
        m.CreateIndex("IX_Measures_InspectionId_Number", "Measures", ["InspectionId", "Number"], unique: true);
        m.CreateIndex("IX_Measures_DueDate_Status", "Measures", ["DueDate", "Status"]);
        m.CreateIndex("IX_Measures_FindingId", "Measures", "FindingId");
        m.CreateIndex("IX_Measures_OwnerId", "Measures", "OwnerId");

        m.CreateTable("MeasureUnits", t => new
        {
            MeasureId = t.Column<int>(nullable: false),
            UnitId = t.Column<int>(nullable: false),
            Role = t.Column<string>(maxLength: 16, nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_MeasureUnits", x => new { x.MeasureId, x.UnitId });
            t.ForeignKey("FK_MeasureUnits_Measures_MeasureId", x => x.MeasureId, "Measures", "Id", onDelete: ReferentialAction.Cascade);
            t.ForeignKey("FK_MeasureUnits_Units_UnitId", x => x.UnitId, "Units", "Id", onDelete: ReferentialAction.Cascade);
        });
        m.CreateIndex("IX_MeasureUnits_UnitId_Role", "MeasureUnits", ["UnitId", "Role"]);

        m.CreateTable("Claims", t => new
        {
            Id = t.Identity<int>(),
            MeasureId = t.Column<int>(nullable: false),
            UnitId = t.Column<int>(nullable: false),
            StaffId = t.Column<int>(nullable: true),
            ClaimedAt = t.Column<DateTime>(nullable: false),
            IsCoClaim = t.Column<bool>(nullable: false),
            WithdrawnAt = t.Column<DateTime>(nullable: true),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_Claims", x => x.Id);
            t.ForeignKey("FK_Claims_Measures_MeasureId", x => x.MeasureId, "Measures", "Id", onDelete: ReferentialAction.Cascade);
            t.ForeignKey("FK_Claims_Units_UnitId", x => x.UnitId, "Units", "Id", onDelete: ReferentialAction.Cascade);
            t.ForeignKey("FK_Claims_Staff_StaffId", x => x.StaffId, "Staff", "Id", onDelete: ReferentialAction.SetNull);
        });
        m.CreateIndex("IX_Claims_UnitId_MeasureId", "Claims", ["UnitId", "MeasureId"]);
        m.CreateIndex("IX_Claims_MeasureId", "Claims", "MeasureId");
        m.CreateIndex("IX_Claims_StaffId", "Claims", "StaffId");

        m.CreateTable("ProgressUpdates", t => new
        {
            Id = t.Identity<int>(),
            MeasureId = t.Column<int>(nullable: false),
            StaffId = t.Column<int>(nullable: true),
            At = t.Column<DateTime>(nullable: false),
            On = t.Column<DateOnly>(nullable: false),
            Text = t.Column<string>(nullable: false),
            StatusFrom = t.Column<string>(maxLength: 16, nullable: true),
            StatusTo = t.Column<string>(maxLength: 16, nullable: true),
            UndoneAt = t.Column<DateTime>(nullable: true),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_ProgressUpdates", x => x.Id);
            t.ForeignKey("FK_ProgressUpdates_Measures_MeasureId", x => x.MeasureId, "Measures", "Id", onDelete: ReferentialAction.Cascade);
            t.ForeignKey("FK_ProgressUpdates_Staff_StaffId", x => x.StaffId, "Staff", "Id", onDelete: ReferentialAction.SetNull);
        });
        m.CreateIndex("IX_ProgressUpdates_MeasureId_At", "ProgressUpdates", ["MeasureId", "At"]);
        m.CreateIndex("IX_ProgressUpdates_StaffId", "ProgressUpdates", "StaffId");

        m.CreateTable("Evidence", t => new
        {
            Id = t.Identity<int>(),
            MeasureId = t.Column<int>(nullable: false),
            FileName = t.Column<string>(nullable: false),
            ContentType = t.Column<string>(nullable: false),
            Sha256 = t.Column<string>(nullable: false),
            Size = t.Column<long>(nullable: false),
            StoredPath = t.Column<string>(nullable: false),
            StaffId = t.Column<int>(nullable: true),
            At = t.Column<DateTime>(nullable: false),
            ReplacesId = t.Column<int>(nullable: true),
            RemovedAt = t.Column<DateTime>(nullable: true),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_Evidence", x => x.Id);
            t.ForeignKey("FK_Evidence_Measures_MeasureId", x => x.MeasureId, "Measures", "Id", onDelete: ReferentialAction.Cascade);
            t.ForeignKey("FK_Evidence_Staff_StaffId", x => x.StaffId, "Staff", "Id", onDelete: ReferentialAction.SetNull);
        });
        m.CreateIndex("IX_Evidence_MeasureId_Sha256", "Evidence", ["MeasureId", "Sha256"]);
        m.CreateIndex("IX_Evidence_StaffId", "Evidence", "StaffId");

        m.CreateTable("ExtensionRequests", t => new
        {
            Id = t.Identity<int>(),
            MeasureId = t.Column<int>(nullable: false),
            RequestedById = t.Column<int>(nullable: true),
            RequestedAt = t.Column<DateTime>(nullable: false),
            PreviousDue = t.Column<DateOnly>(nullable: true),
            NewDate = t.Column<DateOnly>(nullable: false),
            Reason = t.Column<string>(nullable: false),
            State = t.Column<string>(maxLength: 16, nullable: false),
            DecidedById = t.Column<int>(nullable: true),
            DecidedAt = t.Column<DateTime>(nullable: true),
            DecisionNote = t.Column<string>(nullable: true),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_ExtensionRequests", x => x.Id);
            t.ForeignKey("FK_ExtensionRequests_Measures_MeasureId", x => x.MeasureId, "Measures", "Id", onDelete: ReferentialAction.Cascade);
            t.ForeignKey("FK_ExtensionRequests_Staff_RequestedById", x => x.RequestedById, "Staff", "Id", onDelete: ReferentialAction.SetNull);
        });
        m.CreateIndex("IX_ExtensionRequests_MeasureId", "ExtensionRequests", "MeasureId");
        m.CreateIndex("IX_ExtensionRequests_RequestedById", "ExtensionRequests", "RequestedById");

        m.CreateTable("CloseRequests", t => new
        {
            Id = t.Identity<int>(),
            MeasureId = t.Column<int>(nullable: false),
            RequestedById = t.Column<int>(nullable: true),
            RequestedAt = t.Column<DateTime>(nullable: false),
            Account = t.Column<string>(nullable: true),
            State = t.Column<string>(maxLength: 16, nullable: false),
            ReviewedById = t.Column<int>(nullable: true),
            ReviewedAt = t.Column<DateTime>(nullable: true),
            ReturnReason = t.Column<string>(nullable: true),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_CloseRequests", x => x.Id);
            t.ForeignKey("FK_CloseRequests_Measures_MeasureId", x => x.MeasureId, "Measures", "Id", onDelete: ReferentialAction.Cascade);
            t.ForeignKey("FK_CloseRequests_Staff_RequestedById", x => x.RequestedById, "Staff", "Id", onDelete: ReferentialAction.SetNull);
        });
        m.CreateIndex("IX_CloseRequests_MeasureId", "CloseRequests", "MeasureId");
        m.CreateIndex("IX_CloseRequests_RequestedById", "CloseRequests", "RequestedById");

        m.CreateTable("AuditEntries", t => new
        {
            Id = t.Identity<long>(),
            At = t.Column<DateTime>(nullable: false),
            ActorId = t.Column<int>(nullable: true),
            OperationId = t.Column<Guid>(nullable: false),
            Operation = t.Column<string>(nullable: false),
            Channel = t.Column<string>(nullable: true),
            Change = t.Column<string>(nullable: false),
            EntityType = t.Column<string>(nullable: false),
            EntityId = t.Column<string>(nullable: false),
            MeasureId = t.Column<int>(nullable: true),
            Before = t.Column<string>(nullable: true),
            After = t.Column<string>(nullable: true),
        }, constraints: t => t.PrimaryKey("PK_AuditEntries", x => x.Id));
        m.CreateIndex("IX_AuditEntries_ActorId_At", "AuditEntries", ["ActorId", "At"]);
        m.CreateIndex("IX_AuditEntries_OperationId", "AuditEntries", "OperationId");
        m.CreateIndex("IX_AuditEntries_MeasureId", "AuditEntries", "MeasureId");
    }
}
