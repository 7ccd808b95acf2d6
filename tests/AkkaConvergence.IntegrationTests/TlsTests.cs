using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Akka.Remote.Transport.DotNetty;
using static AkkaConvergence.IntegrationTests.TestCluster;

namespace AkkaConvergence.IntegrationTests;

/// <summary>
/// Encryption is Akka.Remote's job: the convergence protocol runs unchanged over its TLS
/// transport, with mutual authentication by certificate (docs/configuration.md, "TLS").
/// </summary>
public sealed class TlsTests : IAsyncDisposable
{
    private const string Tls = "akka.remote.dot-netty.tcp.enable-ssl = on";
    private readonly TestCluster _cluster = new();

    public ValueTask DisposeAsync() => _cluster.DisposeAsync();

    [Fact]
    public async Task Nodes_sharing_a_certificate_form_a_cluster_over_mutual_tls_and_neither_another_certificate_nor_a_plain_node_gets_in()
    {
        using var clusterCertificate = SelfSigned("convergence-test-cluster");
        using var otherCertificate = SelfSigned("someone-else");
        var systems = Enumerable.Range(0, 3).Select(_ => _cluster.Start(Tls, with: MutualTls(clusterCertificate))).ToList();
        var seed = Cluster(systems[0]).SelfAddress;

        await Task.WhenAll(systems.Select(s => Cluster(s).JoinSeedNodesAsync([seed]))).WaitAsync(DefaultWait);
        await AwaitAllUp(systems);

        Assert.Equal("akka.ssl.tcp", seed.Protocol);

        var intruder = _cluster.Start(Tls, with: MutualTls(otherCertificate));
        var intruderLog = LogLines.Collect(intruder);
        _ = Cluster(intruder).JoinSeedNodesAsync([seed]);
        var plain = _cluster.Start();
        var plainLog = LogLines.Collect(plain);
        _ = Cluster(plain).JoinSeedNodesAsync([seed]);

        await AwaitCondition(() => intruderLog.Any(line => line.Contains("TLS handshake failed", StringComparison.Ordinal)), "the intruder's certificate was rejected in the TLS handshake");
        await AwaitCondition(() => plainLog.Any(line => line.Contains("ForeignCluster", StringComparison.Ordinal)), "the plain node refused a seed of another transport");
        Assert.All(systems, s => Assert.Equal(3, Cluster(s).State.Members.Count));
        Assert.All(new[] { intruder, plain }, s => Assert.Equal(MemberStatus.Removed, Cluster(s).SelfMember.Status));
    }

    /// <summary>TLS both ways (each side presents the certificate), accepting only this certificate: a pinned, self-signed one.</summary>
    private static DotNettySslSetup MutualTls(X509Certificate2 certificate) =>
        new(certificate, suppressValidation: false, requireMutualAuthentication: true, validateCertificateHostname: false, CertificateValidation.PinnedCertificate(certificate.Thumbprint));

    /// <summary>A certificate the test makes, valid for a day, usable by servers and clients.</summary>
    private static X509Certificate2 SelfSigned(string name)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1"), new Oid("1.3.6.1.5.5.7.3.2")], critical: false));
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(System.Net.IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        using var made = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        // Through PKCS#12, so the private key is one SslStream can use on every platform.
        return X509CertificateLoader.LoadPkcs12(made.Export(X509ContentType.Pkcs12), password: null);
    }
}
