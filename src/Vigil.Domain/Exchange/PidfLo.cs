using System.Globalization;
using System.Xml;
using System.Xml.Linq;
using Vigil.Domain.Cameras;

namespace Vigil.Domain.Exchange;

/// <summary>
/// The PIDF-LO location objects (RFC 4119, RFC 5491) EIDO carries in <c>locationByValue</c>: writes
/// a WGS 84 point, reads a point or circle centre (<c>gml:pos</c>, latitude then longitude) and a
/// civic address (RFC 5139) in words. Reading never resolves DTDs or external entities.
/// </summary>
public static class PidfLo
{
    private static readonly XNamespace s_pidf = "urn:ietf:params:xml:ns:pidf";
    private static readonly XNamespace s_geopriv = "urn:ietf:params:xml:ns:pidf:geopriv10";
    private static readonly XNamespace s_model = "urn:ietf:params:xml:ns:pidf:data-model";
    private static readonly XNamespace s_gml = "http://www.opengis.net/gml";
    private static readonly XNamespace s_civic = "urn:ietf:params:xml:ns:pidf:geopriv10:civicAddr";

    /// <summary>The civic address elements, in the order an address reads (house number, street, …, country).</summary>
    private static readonly string[][] s_civicParts =
    [
        ["HNO", "HNS", "PRD", "RD", "STS", "POD"], ["LOC"], ["A6"], ["A5"], ["A4"], ["A3"], ["A2"], ["A1"], ["PC"], ["country"],
    ];

    /// <summary>A point at <paramref name="position"/> (6 decimals, about 0.1 m), entered by hand at <paramref name="at"/>.</summary>
    public static string Point(string entity, GeoLocation position, DateTimeOffset at)
    {
        string pos = string.Create(CultureInfo.InvariantCulture, $"{Math.Round(position.Latitude, 6):0.######} {Math.Round(position.Longitude, 6):0.######}");
        var presence = new XElement(
            s_pidf + "presence",
            new XAttribute(XNamespace.Xmlns + "gp", s_geopriv),
            new XAttribute(XNamespace.Xmlns + "dm", s_model),
            new XAttribute(XNamespace.Xmlns + "gml", s_gml),
            new XAttribute("entity", entity),
            new XElement(
                s_model + "device",
                new XAttribute("id", "incident"),
                new XElement(
                    s_geopriv + "geopriv",
                    new XElement(s_geopriv + "location-info", new XElement(s_gml + "Point", new XAttribute("srsName", "urn:ogc:def:crs:EPSG::4326"), new XElement(s_gml + "pos", pos))),
                    new XElement(s_geopriv + "usage-rules"),
                    new XElement(s_geopriv + "method", "Manual")),
                new XElement(s_model + "timestamp", at.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture))));
        return presence.ToString(SaveOptions.DisableFormatting);
    }

    /// <summary>The position and civic address a PIDF-LO document gives (either may be missing); null when it is not XML.</summary>
    public static (GeoLocation? Position, string? Address)? Read(string document)
    {
        XDocument xml;
        try
        {
            var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, MaxCharactersInDocument = 1 << 20 };
            using var reader = XmlReader.Create(new StringReader(document), settings);
            xml = XDocument.Load(reader);
        }
        catch (XmlException)
        {
            return null;
        }

        GeoLocation? position = null;
        if (xml.Descendants(s_gml + "pos").FirstOrDefault()?.Value.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries) is [var lat, var lon, ..]
            && double.TryParse(lat, NumberStyles.Float, CultureInfo.InvariantCulture, out double latitude) && latitude is >= -90 and <= 90
            && double.TryParse(lon, NumberStyles.Float, CultureInfo.InvariantCulture, out double longitude) && longitude is >= -180 and <= 180)
        {
            position = new GeoLocation(latitude, longitude);
        }

        string? address = null;
        if (xml.Descendants(s_civic + "civicAddress").FirstOrDefault() is { } civic)
        {
            IEnumerable<string> parts = s_civicParts
                .Select(group => string.Join(' ', group.Select(name => civic.Element(s_civic + name)?.Value.Trim()).Where(v => !string.IsNullOrEmpty(v))))
                .Where(p => p.Length > 0);
            address = string.Join(", ", parts);
        }

        return (position, string.IsNullOrEmpty(address) ? null : address);
    }
}
