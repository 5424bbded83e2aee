namespace Vigil.Domain.Geometry;

/// <summary>
/// A plane-to-plane projective map (image → ground metres), from four point pairs. Used only to
/// measure areas on the ground for crowd density; nothing about a person is mapped.
/// </summary>
public sealed class Homography
{
    private readonly double[] _h;

    private Homography(double[] h) => _h = h;

    /// <summary>Solves the 8 unknowns (h33 = 1) from four correspondences.</summary>
    /// <exception cref="ArgumentException">The points are degenerate (three on a line).</exception>
    public static Homography FromPoints(IReadOnlyList<PointF2> from, IReadOnlyList<PointF2> to)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(to);
        if (from.Count != 4 || to.Count != 4)
        {
            throw new ArgumentException("A homography needs exactly four point pairs.");
        }

        double[,] a = new double[8, 9];
        for (int i = 0; i < 4; i++)
        {
            (double x, double y) = (from[i].X, from[i].Y);
            (double u, double v) = (to[i].X, to[i].Y);
            double[] r1 = [x, y, 1, 0, 0, 0, -u * x, -u * y, u];
            double[] r2 = [0, 0, 0, x, y, 1, -v * x, -v * y, v];
            for (int c = 0; c < 9; c++)
            {
                a[2 * i, c] = r1[c];
                a[(2 * i) + 1, c] = r2[c];
            }
        }

        // Gaussian elimination with partial pivoting on the 8x8 system.
        for (int col = 0; col < 8; col++)
        {
            int pivot = col;
            for (int r = col + 1; r < 8; r++)
            {
                if (Math.Abs(a[r, col]) > Math.Abs(a[pivot, col]))
                {
                    pivot = r;
                }
            }

            if (Math.Abs(a[pivot, col]) < 1e-12)
            {
                throw new ArgumentException("The four points are degenerate: three of them lie on one line.");
            }

            for (int c = 0; c < 9; c++)
            {
                (a[col, c], a[pivot, c]) = (a[pivot, c], a[col, c]);
            }

            for (int r = 0; r < 8; r++)
            {
                if (r == col)
                {
                    continue;
                }

                double f = a[r, col] / a[col, col];
                for (int c = col; c < 9; c++)
                {
                    a[r, c] -= f * a[col, c];
                }
            }
        }

        double[] h = new double[9];
        for (int i = 0; i < 8; i++)
        {
            h[i] = a[i, 8] / a[i, i];
        }

        h[8] = 1;
        return new Homography(h);
    }

    public PointF2 Map(PointF2 p)
    {
        double w = (_h[6] * p.X) + (_h[7] * p.Y) + _h[8];
        return new PointF2(((_h[0] * p.X) + (_h[1] * p.Y) + _h[2]) / w, ((_h[3] * p.X) + (_h[4] * p.Y) + _h[5]) / w);
    }
}
