package studio.sselfie.storage.testkit.s3server;

import java.lang.reflect.Method;

import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

/**
 * Turns the server's own loggers down to WARN. S3Proxy logs every request at DEBUG, and logback, with no
 * configuration file, logs everything at DEBUG: PUT throughput then falls about tenfold. The testkit does not compile
 * against logback (it is S3Proxy's runtime dependency), so the level is set reflectively, and only when logback is
 * the SLF4J binding; with any other binding the user's configuration rules.
 */
final class ServerLogging {
    private static final String[] SERVER_LOGGERS = {"org.gaul.s3proxy", "org.gaul.shaded", "org.eclipse.jetty"};

    private ServerLogging() {
    }

    static void quietServerLoggers() {
        ILoggerFactory factory = LoggerFactory.getILoggerFactory();
        if (!factory.getClass().getName().equals("ch.qos.logback.classic.LoggerContext")) {
            return;
        }
        try {
            Class<?> levelClass = Class.forName("ch.qos.logback.classic.Level", true, factory.getClass().getClassLoader());
            Object warn = levelClass.getField("WARN").get(null);
            for (String name : SERVER_LOGGERS) {
                Object logger = factory.getLogger(name);
                Method setLevel = logger.getClass().getMethod("setLevel", levelClass);
                setLevel.invoke(logger, warn);
            }
        } catch (ReflectiveOperationException | LinkageError e) {
            // An unexpected logback version: the server still works, only slower while it logs each request.
            LoggerFactory.getLogger(ServerLogging.class).warn("could not set the embedded S3 server's log level to WARN", e);
        }
    }
}
