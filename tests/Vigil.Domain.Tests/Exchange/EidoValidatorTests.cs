using System.Text.Json.Nodes;
using Vigil.Domain.Exchange;

namespace Vigil.Domain.Tests.Exchange;

/// <summary>The schema check other centres' documents and our own exports pass through, rule by rule.</summary>
public sealed class EidoValidatorTests
{
    [Fact]
    public void ACallTransferShapedLikeNenasSample_HasNoProblems() =>
        Assert.Empty(EidoValidator.Validate(EidoDocuments.CallTransfer()));

    [Fact]
    public void OurExport_HasNoProblems() =>
        Assert.Empty(EidoValidator.Validate(EidoDocuments.Export()));

    [Fact]
    public void TheDocument_MustBeAnObject() =>
        Assert.Equal(new EidoProblem("/", "must be an object (EmergencyIncidentDataObjectType), not an array"), Assert.Single(EidoValidator.Validate(new JsonArray())));

    [Theory]
    [InlineData("eidoVersion")]
    [InlineData("issuingElementIdentification")]
    [InlineData("agencyComponent")]
    [InlineData("$id")]
    [InlineData("lastUpdateTimeStamp")]
    [InlineData("updatedByAgencyReference")]
    public void AMissingRequiredProperty_IsNamedByItsPath(string property)
    {
        JsonObject document = EidoDocuments.CallTransfer();
        document.Remove(property);

        Assert.Contains(EidoValidator.Validate(document), p => p.Path == $"/{property}" && p.Message.Contains("is required", StringComparison.Ordinal));
    }

    [Fact]
    public void AComponentWithoutItsPrologueOrOwnRequiredProperties_ListsEachPath()
    {
        JsonObject document = EidoDocuments.CallTransfer();
        JsonObject agency = document["agencyComponent"]![0]!.AsObject();
        agency["componentIdentifier"] = agency["$id"]!.GetValue<string>();
        agency.Remove("$id");
        agency.Remove("agencyType");
        document["locationComponent"]![1]!.AsObject().Remove("locationTypeDescriptionRegistryText");

        IReadOnlyList<EidoProblem> problems = EidoValidator.Validate(document);

        Assert.Contains(problems, p => p.Path == "/agencyComponent/0/$id");
        Assert.Contains(problems, p => p.Path == "/agencyComponent/0/agencyType");
        Assert.Contains(problems, p => p.Path == "/locationComponent/1/locationTypeDescriptionRegistryText");
        // With the agency's $id gone, every reference to it dangles, and each one says where it is.
        Assert.Contains(problems, p => p.Path == "/updatedByAgencyReference/$ref" && p.Message.Contains("norte.example.ec", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Path == "/agentComponent/0/agencyReference/$ref");
    }

    [Theory]
    [InlineData("2026-11-30 09:12:41", "RFC 3339")]
    [InlineData("2026-11-30T09:12:41", "RFC 3339")]
    [InlineData("2026-13-30T09:12:41Z", "RFC 3339")]
    public void ATimeWithoutZoneOrOutOfRange_IsRefused(string time, string expected)
    {
        JsonObject document = EidoDocuments.CallTransfer();
        document["callComponent"]![0]!["callStartTimestamp"] = time;

        EidoProblem problem = Assert.Single(EidoValidator.Validate(document));
        Assert.Equal("/callComponent/0/callStartTimestamp", problem.Path);
        Assert.Contains(expected, problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WrongTypes_ClosedListsAndUris_AreEachReported()
    {
        JsonObject document = EidoDocuments.CallTransfer();
        document["eidoVersion"] = "2.0";
        document["agencyComponent"]![0]!["agencyType"] = "psap";
        document["callComponent"]![0]!["direction"] = "sideways";
        document["locationComponent"]![1]!["locationByReferenceUrl"] = "not a uri";
        document["agentComponent"]![0]!["agentRoleRegistryText"] = new JsonArray();
        document["incidentComponent"] = new JsonArray();

        string[] paths = EidoValidator.Validate(document).Select(p => p.Path).Order(StringComparer.Ordinal).ToArray();

        Assert.Equal(
            ["/agencyComponent/0/agencyType", "/agentComponent/0/agentRoleRegistryText", "/callComponent/0/direction", "/eidoVersion", "/incidentComponent", "/locationComponent/1/locationByReferenceUrl"],
            paths);
    }

    [Fact]
    public void TwoComponentsWithOneId_AreRefused()
    {
        JsonObject document = EidoDocuments.CallTransfer();
        document["locationComponent"]![1]!["$id"] = "4d1e0b52-6a0f-4c55-9d3e-00000000c1c1";

        IReadOnlyList<EidoProblem> problems = EidoValidator.Validate(document);

        Assert.Contains(problems, p => p.Path == "/locationComponent/1/$id" && p.Message.Contains("unique", StringComparison.Ordinal));
    }

    [Fact]
    public void AHugelyBrokenDocument_ListsAtMostTheCap()
    {
        var notes = new JsonArray();
        for (int i = 0; i < 500; i++)
        {
            notes.Add(new JsonObject());
        }

        JsonObject document = EidoDocuments.CallTransfer();
        document["notesComponent"] = notes;

        Assert.Equal(EidoValidator.MaxProblems, EidoValidator.Validate(document).Count);
    }

    [Theory]
    [InlineData("2026-11-30T09:12:41Z", true)]
    [InlineData("2026-11-30t09:12:41.25+05:30", true)]
    [InlineData("2026-11-30T09:12Z", false)]
    [InlineData("2026-02-30T09:12:41Z", false)]
    public void DateTimes_FollowRfc3339(string text, bool valid) => Assert.Equal(valid, EidoValidator.IsDateTime(text));
}
