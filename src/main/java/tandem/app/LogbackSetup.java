package tandem.app;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.spi.ContextAwareBase;
import org.slf4j.Logger;

import java.util.List;
import java.util.Locale;

/**
 * Tandem's logging, set up in code (logback finds this class through META-INF/services) instead of
 * by a logback.xml: reading the XML loaded logback's configuration framework and the JDK's XML
 * parser, about 600 classes kept in memory for the life of the server to read twenty lines once.
 *
 * <p>TEXT (default): one line per event. JSON: one JSON object per line, for log shippers. Chosen with
 * TANDEM_LOG_FORMAT=TEXT|JSON; TANDEM_LOG_LEVEL sets Tandem's own level (a system property of the
 * same name wins over the environment, as it did in the XML).
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_HIGH_PRIORITY)
public final class LogbackSetup extends ContextAwareBase implements Configurator {
    private static final String PATTERN = "%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level [%thread] %logger{20} - %msg%n";
    /** Libraries that are chatty at INFO; their warnings still show. */
    private static final List<String> QUIET = List.of("io.helidon", "com.zaxxer.hikari", "org.flywaydb", "org.jdbi", "org.bytedeco");

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        boolean json = "JSON".equals(setting("TANDEM_LOG_FORMAT", "TEXT").toUpperCase(Locale.ROOT));
        ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
        console.setContext(context);
        console.setName(json ? "JSON" : "TEXT");
        console.setEncoder(json ? jsonEncoder(context) : textEncoder(context));
        console.start();

        ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.INFO);
        root.addAppender(console);
        context.getLogger("tandem").setLevel(Level.toLevel(setting("TANDEM_LOG_LEVEL", "INFO"), Level.INFO));
        for (String name : QUIET) context.getLogger(name).setLevel(Level.WARN);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    private static Encoder<ILoggingEvent> textEncoder(LoggerContext context) {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(PATTERN);
        encoder.start();
        return encoder;
    }

    private static Encoder<ILoggingEvent> jsonEncoder(LoggerContext context) {
        JsonEncoder encoder = new JsonEncoder();
        encoder.setContext(context);
        encoder.setWithFormattedMessage(true);
        encoder.setWithMessage(false);
        encoder.setWithArguments(false);
        encoder.setWithContext(false);
        encoder.start();
        return encoder;
    }

    private static String setting(String name, String fallback) {
        String value = System.getProperty(name);
        if (value == null) value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value.trim();
    }
}
