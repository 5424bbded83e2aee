using Microsoft.Extensions.DependencyInjection;

namespace Vigil.Server.Benchmarks;

/// <summary>
/// Lets a benchmark replace a service after the host has registered its own: the host's service
/// collection passes through here just before the provider is built.
/// </summary>
internal sealed class ServiceOverrides(Action<IServiceCollection> overrides) : IServiceProviderFactory<IServiceCollection>
{
    private readonly DefaultServiceProviderFactory _inner = new(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });

    public IServiceCollection CreateBuilder(IServiceCollection services) => _inner.CreateBuilder(services);

    public IServiceProvider CreateServiceProvider(IServiceCollection containerBuilder)
    {
        overrides(containerBuilder);
        return _inner.CreateServiceProvider(containerBuilder);
    }
}
