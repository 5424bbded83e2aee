namespace Vigil.Domain.Exchange;

/// <summary>What one property of an EIDO data component holds, as NENA's OpenAPI schema types it.</summary>
public enum EidoValueKind
{
    /// <summary><c>type: string</c>.</summary>
    Text,

    /// <summary><c>type: string, format: date-time</c> (RFC 3339, with a zone).</summary>
    DateTime,

    /// <summary><c>type: string, format: uri</c> (absolute).</summary>
    Uri,

    /// <summary><c>type: string, format: uri-reference</c>.</summary>
    UriReference,

    /// <summary><c>type: boolean</c>.</summary>
    Boolean,

    /// <summary><c>type: integer, format: int32</c>.</summary>
    WholeNumber,

    /// <summary><c>type: array</c> of strings.</summary>
    TextList,

    /// <summary>A <c>ReferenceType</c>: <c>{ "$ref": "an $id of this document" }</c>.</summary>
    Reference,

    /// <summary><c>type: array</c> of <c>ReferenceType</c>.</summary>
    ReferenceList,

    /// <summary>A string from a closed list (<c>enum</c>).</summary>
    Choice,

    /// <summary>One nested object of a named type.</summary>
    Component,

    /// <summary><c>type: array</c> of objects of a named type.</summary>
    ComponentList,

    /// <summary>A NIEM object (person, vehicle, organisation, item): checked to be an object, its content not further.</summary>
    NiemObject,
}
