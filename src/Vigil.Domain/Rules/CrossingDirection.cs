namespace Vigil.Domain.Rules;

/// <summary>Which crossings of a line count.</summary>
public enum CrossingDirection
{
    Any,
    LeftToRight,
    RightToLeft,
}
