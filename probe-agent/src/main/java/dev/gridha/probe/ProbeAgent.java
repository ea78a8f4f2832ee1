package dev.gridha.probe;

import java.io.IOException;
import java.lang.instrument.Instrumentation;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The agent's entry: {@code -javaagent:gridha-probe-agent.jar=port=9404[,host=127.0.0.1][,secret-file=F]}.
 * The secret is base64 of at least 32 bytes, read from {@code secret-file} or else from the environment
 * variable {@code GRIDHA_MANAGEMENT_SECRET}. A bad argument stops the JVM's start with one line saying which:
 * a container that was meant to be watched must not run unwatched.
 */
public final class ProbeAgent {

    public static final String SECRET_VARIABLE = "GRIDHA_MANAGEMENT_SECRET";

    private ProbeAgent() {
    }

    public static void premain(String arguments, Instrumentation instrumentation) throws IOException {
        Map<String, String> options = parse(arguments);
        int port;
        try {
            port = Integer.parseInt(require(options, "port"));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("gridha probe agent: port=" + options.get("port") + " is not a port number");
        }
        String host = options.getOrDefault("host", "127.0.0.1");
        String secretText = options.containsKey("secret-file")
                ? Files.readString(Path.of(options.get("secret-file"))) : System.getenv(SECRET_VARIABLE);
        if (secretText == null) {
            throw new IllegalArgumentException("gridha probe agent: no secret (secret-file=F or " + SECRET_VARIABLE + ")");
        }
        ProbeAuthenticator authenticator = new ProbeAuthenticator(ProbeAuthenticator.decodeSecret(secretText),
                System::currentTimeMillis);
        ProbeServer.start(new InetSocketAddress(host, port), authenticator, JvmReadings::now);
    }

    public static void agentmain(String arguments, Instrumentation instrumentation) throws IOException {
        premain(arguments, instrumentation);
    }

    static Map<String, String> parse(String arguments) {
        Map<String, String> options = new HashMap<>();
        if (arguments == null || arguments.isBlank()) {
            throw new IllegalArgumentException("gridha probe agent: arguments port=N[,host=H][,secret-file=F] needed");
        }
        for (String option : arguments.split(",")) {
            int equals = option.indexOf('=');
            String name = equals < 0 ? option : option.substring(0, equals);
            if (equals < 0 || !(name.equals("port") || name.equals("host") || name.equals("secret-file"))) {
                throw new IllegalArgumentException("gridha probe agent: '" + option + "' is not port=N, host=H or"
                        + " secret-file=F");
            }
            options.put(name, option.substring(equals + 1));
        }
        return options;
    }

    private static String require(Map<String, String> options, String name) {
        String value = options.get(name);
        if (value == null) {
            throw new IllegalArgumentException("gridha probe agent: " + name + "= is needed");
        }
        return value;
    }
}
