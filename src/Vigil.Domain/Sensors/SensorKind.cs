namespace Vigil.Domain.Sensors;

/// <summary>What a sensor measures; each kind has its units and a physical range (<see cref="SensorKinds"/>).</summary>
public enum SensorKind
{
    /// <summary>Water level of a river or stream at a gauge (stage).</summary>
    RiverLevel,

    /// <summary>Discharge of a river (volume per time).</summary>
    RiverFlow,

    /// <summary>Rainfall intensity.</summary>
    RainRate,

    /// <summary>Peak ground acceleration of a strong-motion station.</summary>
    SeismicPga,

    /// <summary>Smoke obscuration or concentration.</summary>
    Smoke,

    /// <summary>Air or water temperature.</summary>
    Temperature,

    /// <summary>Anything else; any unit, no physical range.</summary>
    Generic,
}
