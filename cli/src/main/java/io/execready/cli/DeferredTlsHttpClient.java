package io.execready.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.time.Duration;
import java.util.Locale;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.utils.Lazy;

/**
 * The SDK's URL-connection client, built on the first HTTPS request: building it sets up TLS (the
 * trust store, a few hundred certificates parsed), which a run against a local {@code http://}
 * endpoint (an emulator, through {@code AWS_ENDPOINT_URL}) never needs. Plain HTTP goes through a
 * client over the JDK's own connections with the same timeouts.
 */
final class DeferredTlsHttpClient implements SdkHttpClient {

    private final Lazy<SdkHttpClient> tls;
    private final Lazy<SdkHttpClient> plain;

    DeferredTlsHttpClient(Duration connectTimeout, Duration socketTimeout) {
        this.tls = new Lazy<>(() -> UrlConnectionHttpClient.builder()
                .connectionTimeout(connectTimeout)
                .socketTimeout(socketTimeout)
                .build());
        this.plain = new Lazy<>(() -> UrlConnectionHttpClient.create(uri -> {
            try {
                HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection();
                connection.setConnectTimeout((int) connectTimeout.toMillis());
                connection.setReadTimeout((int) socketTimeout.toMillis());
                return connection;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot open a connection to " + uri, e);
            }
        }));
    }

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
        boolean https = request.httpRequest().protocol().toLowerCase(Locale.ROOT).equals("https");
        return (https ? tls : plain).getValue().prepareRequest(request);
    }

    @Override
    public String clientName() {
        return "UrlConnection";
    }

    @Override
    public void close() {
        if (tls.hasValue()) {
            tls.getValue().close();
        }
        if (plain.hasValue()) {
            plain.getValue().close();
        }
    }
}
