using System.Collections.Frozen;

namespace Vigil.Domain.Exchange;

/// <summary>
/// NENA's EIDO JSON schema (NENA-STA-021.1b, <c>Schema/openapi.yaml</c> version 1.0.0 in
/// <c>NENA911/EIDO-JSON</c>), read type by type and written down here: every data component carries
/// the prologue (<c>$id</c>, <c>lastUpdateTimeStamp</c>, <c>updatedByAgencyReference</c>), then its own
/// required properties and types. The NIEM objects it embeds (person, vehicle, organisation, item)
/// are checked to be objects only. Types no list of the document holds (alternate values, unit
/// emergency state, item) are left out.
/// </summary>
public static class EidoSchema
{
    /// <summary>The document's own type, <c>EmergencyIncidentDataObjectType</c>.</summary>
    public const string Document = "EmergencyIncidentDataObjectType";

    /// <summary>The one EIDO version the schema knows.</summary>
    public const string Version = "1.0";

    private static readonly string[] s_levels = ["highest", "high", "normal", "low", "lowest"];

    private static readonly (string Name, EidoProperty Property)[] s_prologue =
    [
        ("$id", Text), ("lastUpdateTimeStamp", Time), ("updatedByAgencyReference", Ref), ("updatedByAgentReference", Ref),
        ("AlternateValueReferences", Refs), ("externalInformationSourceReferences", Refs), ("mediaReferences", Refs),
    ];

    /// <summary>Every type, by the schema's name.</summary>
    public static FrozenDictionary<string, EidoType> Types { get; } = new EidoType[]
    {
        Component("AgencyType", ["agencyRoleDescriptionRegistryText", "agencyType"],
            ("agencyJcard", Text), ("agencyRoleDescriptionRegistryText", Texts), ("agencyType", Texts), ("notesReference", Refs),
            ("incidentOwningAgencyIndicator", Flag), ("actingOnBehalfOfAgencyReference", Refs), ("agencyCallLegState", List("CallLegStateType"))),
        Component("AgentType", ["agentRoleRegistryText", "agencyReference"],
            ("agentJcard", Text), ("agentWorkstationPositionIdentification", Text), ("agentRoleRegistryText", new EidoProperty(EidoValueKind.TextList, MinItems: 1)),
            ("agencyReference", Ref), ("notesReference", Refs), ("agentCallLegState", List("CallLegStateType"))),
        Component("MergeInformationType", ["incidentMergeDirectionCode", "incidentTrackingIdentifier"],
            ("incidentTrackingIdentifier", Text), ("incidentMergeDirectionCode", Choice("REPLACING", "REPLACED", "SPLIT"))),
        Component("LinkInformationType", ["incidentTrackingIdentifier", "linkDirectionCode"],
            ("incidentTrackingIdentifier", Text), ("transactionReasonText", Text), ("involvedAgencyReference", Ref), ("linkDirectionCode", Choice("PARENT", "CHILD", "RELATED", "UNLINK"))),
        Component("NotesType", ["notesActionComments"],
            ("notesActionComments", Text), ("agentReference", Ref), ("cautionReference", Refs)),
        Component("AdditionalDataType", [],
            ("additionalDataByReferenceUrl", Text), ("additionalDataByValue", Text), ("additionalDataDereferencedFromReference", Ref),
            ("urlPurpose", Text), ("notesReference", Refs), ("cautionReference", Refs)),
        Component("LocationInformationType", ["locationTypeDescriptionRegistryText"],
            ("locationTypeDescriptionRegistryText", Text), ("locationByValue", Text), ("locationByReferenceUrl", Link), ("locationDereferencedFromReference", Ref),
            ("locationDescriptionText", Text), ("crossStreetByValue", Texts), ("crossStreetByReferenceUrl", Texts), ("intersectingStreetByValue", Texts),
            ("intersectingStreetByReferenceUrl", Texts), ("cellTowerSectorId", Text), ("additionalDataReference", Refs), ("localIdentifier", Texts), ("notesReference", Refs)),
        Component("PersonInformationType", ["personIncidentRoleRegistryText"],
            ("ncPersonComponent", Niem), ("personIncidentRoleRegistryText", Texts), ("callIdentifier", Texts), ("locationReference", Refs), ("destinationReference", Ref),
            ("eta", Time), ("notesReference", Refs), ("additionalDataReference", Refs), ("callBackReference", Ref), ("personCallLegState", List("CallLegStateType")), ("itemReference", Refs)),
        Component("OrganizationInformationType", ["organizationIncidentRoleRegistryText"],
            ("ncOrganizationComponent", Niem), ("organizationIncidentRoleRegistryText", Texts), ("additionalDataReference", Refs), ("locationReference", Refs),
            ("notesReference", Refs), ("callBackReference", Ref)),
        Component("DispositionType", ["dispositionCommonRegistryCode"],
            ("dispositionCommonRegistryCode", Text), ("dispositionPrimaryIndicator", Flag), ("dispositionCategoryText", Text), ("dispositionDescriptionText", Text), ("notesReference", Refs)),
        Component("VehicleInformationType", ["vehicleRelationshipType", "vehicleRelationshipTimeStamp"],
            ("ncVehicleComponent", Niem), ("vehicleRelationshipType", new EidoProperty(EidoValueKind.TextList, MinItems: 1)), ("vehicleRelationshipTimeStamp", Time),
            ("additionalDataReference", Refs), ("locationReference", Refs), ("destinationReference", Ref), ("eta", Time), ("notesReference", Refs),
            ("jCommercialVehicleComponent", Niem), ("itemReference", Refs)),
        Component("IncidentInformationType", ["incidentTypeCommonRegistryText"],
            ("incidentTypeInternalCode", Text), ("incidentTypeInternalText", Text), ("incidentTypeCommonRegistryText", Text), ("incidentStatusInternalText", Texts),
            ("incidentStatusCommonRegistryText", Texts), ("internalIncidentId", Text), ("agentReference", Refs), ("locationReference", Refs), ("personReference", Refs),
            ("organizationReference", Refs), ("vehicleReference", Refs), ("documentIdentification", Texts), ("reportNumberType", Text), ("incidentPriorityInternalText", Text),
            ("incidentCommonPriorityNumber", new EidoProperty(EidoValueKind.WholeNumber)), ("beatOrDispatchGroupText", Text), ("dispositionComponent", List("DispositionType")), ("notesReference", Refs)),
        Component("UpdatedCBNType", ["updatedCbnIdentifierUri"],
            ("updatedCbnIdentifierUri", Link), ("updatedCbnCallerDescription", Text)),
        Component("CallInformationType", ["callStateRegistryText", "standardPrimaryCallType", "direction", "callStartTimestamp"],
            ("relatedCallIdentifier", Texts), ("queueIdentifier", Text), ("standardPrimaryCallType", Text), ("standardSecondaryCallType", Text), ("localCallType", Text),
            ("direction", Choice("incoming", "outgoing", "internal")), ("priorityIdentifier", Choice(s_levels)), ("additionalDataReference", Refs), ("callStartTimestamp", Time),
            ("answerDate", Time), ("callStateRegistryText", Text), ("agentReference", Refs), ("callBackReference", Ref), ("verstat", Text), ("sipIdentity", Text),
            ("locationReference", Refs), ("notesReference", Refs), ("personReference", Refs), ("organizationReference", Refs), ("agencyReference", Refs)),
        Component("CallbackType", [],
            ("callBackInformationUri", Texts), ("deviceContactHeader", Text), ("updatedCbn", new EidoProperty(EidoValueKind.Component, "UpdatedCBNType"))),
        Component("EmergencyResourceType", ["agentReference", "emergencyResourceTypeCommonRegistryText", "primaryUnitStatusRegistryText", "resourceAttributeRegistryText", "secondaryUnitStatusRegistryText"],
            ("emergencyResourceTypeCommonRegistryText", Text), ("emergencyResourceTypeInternalText", Text), ("resourceAttributeRegistryText", Texts), ("resourceAttributeInternalText", Texts),
            ("emergencyResourceName", Text), ("primaryUnitStatusRegistryText", Text), ("secondaryUnitStatusRegistryText", Texts), ("notesReference", Refs), ("unitStatusInternal", Texts),
            ("agentReference", Refs), ("unitLocationReference", Ref), ("unitDestinationReference", Ref), ("eta", Time), ("personReference", Refs), ("vehicleReference", Refs),
            ("itemReference", Refs), ("activeOnIncidentId", Text), ("stackedOnIncidentId", Texts)),
        Component("DispatchInformationType", [],
            ("agencyReference", Ref), ("agentReference", Ref), ("emergencyResourceReference", Refs), ("notesReference", Refs)),
        Component("AlarmsSensorsType", [],
            ("csaaAlarmInformation", Text), ("alarmUrl", Link), ("agentReference", Ref), ("notesReference", Refs)),
        Component("MediaType", ["uri", "contentType"],
            ("uri", new EidoProperty(EidoValueKind.UriReference)), ("contentType", Text), ("label", Text)),
        Component("CallLegStateType", ["callReference", "callStateRegistryText"],
            ("callReference", Ref), ("callStateRegistryText", Text)),
        Component("SharedCommunicationResourceType", ["sharedCommunicationResourceType"],
            ("sharedCommunicationResourceType", Text), ("sharedCommunicationResourceByReferenceUrl", Text), ("sharedCommunicationResourceByValue", Text),
            ("connectedSharedCommunicationResources", Refs), ("notesReference", Refs)),
        Component("ExternalInformationSourceType", ["externalSourceRegistryText"],
            ("externalSourceRegistryText", Text), ("externalSourceAcessString", Text)),
        Component("CautionType", ["cautionTypeInternalText", "cautionTypeCommonRegistryText", "cautionSeverity"],
            ("cautionTypeInternalText", Text), ("cautionTypeCommonRegistryText", Text), ("cautionTypeCommonSubRegistryText", Texts), ("cautionSeverity", Choice(s_levels)),
            ("cautionSource", Text), ("startDate", Time)),
        new EidoType("JsonLdContext", [], new Dictionary<string, EidoProperty>(StringComparer.Ordinal)
        {
            ["@vocab"] = Choice("./JSON-LD_Contexts/EmergencyIncidentDataObjectType.jsonld"),
        }),
        Component(Document, ["eidoVersion", "issuingElementIdentification", "agencyComponent"],
            ("eidoVersion", Choice(Version)), ("eidoExtensionId", Texts), ("issuingElementIdentification", Text),
            ("mergeComponent", List("MergeInformationType")), ("linkComponent", List("LinkInformationType")),
            ("incidentComponent", new EidoProperty(EidoValueKind.Component, "IncidentInformationType")),
            ("callComponent", List("CallInformationType")), ("callbackComponent", List("CallbackType")), ("dispatchComponent", List("DispatchInformationType")),
            ("notesComponent", List("NotesType")), ("emergencyResourceComponent", List("EmergencyResourceType")), ("alarmsSensorsComponent", List("AlarmsSensorsType")),
            ("agencyComponent", List("AgencyType")), ("agentComponent", List("AgentType")), ("additionalDataComponent", List("AdditionalDataType")),
            ("locationComponent", List("LocationInformationType")), ("personComponent", List("PersonInformationType")), ("vehicleComponent", List("VehicleInformationType")),
            ("cautionComponent", List("CautionType")), ("mediaComponent", List("MediaType")),
            ("sharedCommunicationResourceComponent", List("SharedCommunicationResourceType")),
            ("externalInformationSourceComponent", List("ExternalInformationSourceType")),
            ("@context", new EidoProperty(EidoValueKind.Component, "JsonLdContext"))),
    }.ToFrozenDictionary(t => t.Name, StringComparer.Ordinal);

    private static EidoProperty Text => new(EidoValueKind.Text);

    private static EidoProperty Time => new(EidoValueKind.DateTime);

    private static EidoProperty Link => new(EidoValueKind.Uri);

    private static EidoProperty Flag => new(EidoValueKind.Boolean);

    private static EidoProperty Texts => new(EidoValueKind.TextList);

    private static EidoProperty Ref => new(EidoValueKind.Reference);

    private static EidoProperty Refs => new(EidoValueKind.ReferenceList);

    private static EidoProperty Niem => new(EidoValueKind.NiemObject);

    private static EidoProperty List(string type) => new(EidoValueKind.ComponentList, type);

    private static EidoProperty Choice(params string[] values) => new(EidoValueKind.Choice, Choices: values);

    /// <summary>A data component: the prologue's properties and requirements, then its own.</summary>
    private static EidoType Component(string name, string[] required, params (string Name, EidoProperty Property)[] own) => new(
        name,
        ["$id", "lastUpdateTimeStamp", "updatedByAgencyReference", .. required],
        s_prologue.Concat(own).ToDictionary(p => p.Name, p => p.Property, StringComparer.Ordinal));
}
