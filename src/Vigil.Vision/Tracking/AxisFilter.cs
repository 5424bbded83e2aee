namespace Vigil.Vision.Tracking;

/// <summary>
/// A constant-velocity Kalman filter for one coordinate (position, velocity). A box is four of
/// these (centre x, centre y, width, height): with noise that does not couple the coordinates the
/// 8-state filter separates exactly into four 2-state ones, which need no matrices.
/// </summary>
internal struct AxisFilter
{
    private double _position;
    private double _velocity;
    private double _p00;
    private double _p01;
    private double _p11;

    public AxisFilter(double position, double positionStd, double velocityStd)
    {
        _position = position;
        _velocity = 0;
        _p00 = positionStd * positionStd;
        _p01 = 0;
        _p11 = velocityStd * velocityStd;
    }

    public readonly double Position => _position;

    public readonly double Velocity => _velocity;

    /// <summary>Advances the state by <paramref name="dt"/> seconds under white-noise acceleration of std <paramref name="accelerationStd"/>.</summary>
    public void Predict(double dt, double accelerationStd)
    {
        if (dt <= 0)
        {
            return;
        }

        _position += _velocity * dt;
        double q = accelerationStd * accelerationStd;
        double dt2 = dt * dt;
        double p00 = _p00 + (2 * dt * _p01) + (dt2 * _p11) + (q * dt2 * dt2 / 4);
        double p01 = _p01 + (dt * _p11) + (q * dt2 * dt / 2);
        double p11 = _p11 + (q * dt2);
        _p00 = p00;
        _p01 = p01;
        _p11 = p11;
    }

    /// <summary>The object is known to be still: drop its velocity.</summary>
    public void Stop() => _velocity = 0;

    /// <summary>Corrects the state with a measured position of std <paramref name="measurementStd"/>.</summary>
    public void Update(double measured, double measurementStd)
    {
        double s = _p00 + (measurementStd * measurementStd);
        double k0 = _p00 / s;
        double k1 = _p01 / s;
        double innovation = measured - _position;
        _position += k0 * innovation;
        _velocity += k1 * innovation;
        double p00 = (1 - k0) * _p00;
        double p01 = (1 - k0) * _p01;
        double p11 = _p11 - (k1 * _p01);
        _p00 = p00;
        _p01 = p01;
        _p11 = p11;
    }
}
