package org.clientele.crm.camel.support;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.camel.FailedToCreateRouteException;
import org.apache.camel.FailedToStartRouteException;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.builder.RouteConfigurationBuilder;
import org.apache.camel.model.ModelCamelContext;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.spi.Resource;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.clientele.crm.api.integration.RouteFileState;
import org.clientele.crm.api.integration.RouteFileStatus;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;

/**
 * Routes edited without rebuilding: the Camel YAML DSL files ({@code *.camel.yaml}, the format the Kaoto
 * editor opens) of one directory, added to the running context next to the built-in Java routes.
 *
 * <p>Each file is loaded on its own, in file-name order: a file that does not parse, or whose routes cannot
 * be created or started, is recorded as {@link RouteFileState#FAILED} with its error and none of its routes
 * runs; the other files and routes are not touched. A route whose id is that of a built-in route replaces
 * it; the built-in definition is kept and comes back when the file is removed, changes to no longer
 * define that id, or breaks. A route id already taken by an earlier file fails the later file.
 *
 * <p>Routes from files are prepared like the built-in ones: {@code {{placeholders}}} resolve through the
 * context's properties (MicroProfile Config) and the shared route configurations apply. Every route in a
 * file needs an explicit id (reloading finds routes by id); files hold routes only (no REST DSL, route
 * templates or route configurations).
 *
 * <p>Not a CDI bean: {@code CamelIntegrationRuntime} owns one per context; tests build it on a plain
 * context. Methods that change routes are serialised; the listing is a snapshot readable at any time.
 */
public final class RouteFiles {

  /** The suffix of route files, the one Kaoto and Camel JBang use for YAML DSL routes. */
  public static final String SUFFIX = ".camel.yaml";

  private static final Logger LOG = Logger.getLogger(RouteFiles.class.getName());
  private static final int MAX_ERROR_LENGTH = 500;

  /** A file as read from the directory. */
  private record FileContent(String name, byte[] bytes, String fingerprint, String readError) {}

  /** A file the runtime has dealt with: its fingerprint and outcome. */
  private record Tracked(String fingerprint, RouteFileStatus status) {}

  /** Why a file failed. */
  private record Failure(String message, Integer line) {}

  /** A failure of one file, raised inside {@link #load} and recorded, never thrown out. */
  private static final class RouteFileException extends Exception {
    private static final long serialVersionUID = 1L;

    RouteFileException(String message) {
      super(message);
    }
  }

  private final ModelCamelContext camel;
  private final Path directory;
  private final Clock clock;

  /** Ids of the routes the context had before any file was read. */
  private final Set<String> builtInIds = new LinkedHashSet<>();
  /** Built-in definitions currently out of the context, because a file replaces (or will replace) them. */
  private final Map<String, RouteDefinition> detachedBuiltIns = new LinkedHashMap<>();
  /** Files dealt with, by name. */
  private final Map<String, Tracked> files = new TreeMap<>();

  private volatile List<RouteFileStatus> snapshot = List.of();
  private volatile Map<String, String> fileByRoute = Map.of();

  /**
   * @param camel the context whose built-in routes have been added (started or not)
   * @param directory the route directory; {@code null} or missing means no edited routes
   */
  public RouteFiles(ModelCamelContext camel, Path directory) {
    this(camel, directory, Clock.systemUTC());
  }

  RouteFiles(ModelCamelContext camel, Path directory, Clock clock) {
    this.camel = camel;
    this.directory = directory;
    this.clock = clock;
  }

  /** The route directory, or {@code null} when none is configured. */
  public Path directory() {
    return directory;
  }

  /**
   * Call once, after the built-in routes are added and before the context starts: records which routes are
   * built in, and takes out those that a file in the directory replaces, so that they do not run even
   * briefly. {@link #reload()} puts each back if its file then fails.
   */
  public synchronized void beforeStart() {
    rememberBuiltIns();
    for (FileContent file : scan()) {
      if (file.readError() != null) {
        continue;
      }
      try {
        for (RouteDefinition route : parse(file)) {
          String id = route.getId();
          if (id != null && builtInIds.contains(id) && !detachedBuiltIns.containsKey(id)) {
            detach(id);
          }
        }
      } catch (Exception e) {
        // Reported by the load that follows the start.
        LOG.log(Level.FINE, "Route file " + file.name() + " does not parse", e);
      }
    }
  }

  /**
   * Brings the context in line with the directory (the start-up load, and the admin's reload): unloads the
   * routes of removed and changed files, loads new, changed and previously failed files in file-name order,
   * and restores every built-in route no loaded file replaces. Routes of unchanged files keep running.
   *
   * @return every route file with its outcome, sorted by name
   */
  public synchronized List<RouteFileStatus> reload() {
    rememberBuiltIns();
    Map<String, FileContent> onDisk = new LinkedHashMap<>();
    for (FileContent file : scan()) {
      onDisk.put(file.name(), file);
    }

    for (String name : new ArrayList<>(files.keySet())) {
      Tracked tracked = files.get(name);
      FileContent now = onDisk.get(name);
      boolean unchanged = now != null && tracked.status().loaded() && tracked.fingerprint().equals(now.fingerprint());
      if (!unchanged) {
        unload(name, tracked);
      }
    }
    for (FileContent file : onDisk.values()) {
      if (!files.containsKey(file.name())) {
        files.put(file.name(), new Tracked(file.fingerprint(), load(file)));
      }
    }
    restoreUnclaimedBuiltIns();
    publish();
    return snapshot;
  }

  /** Every route file with its outcome as last read, sorted by name. */
  public List<RouteFileStatus> statuses() {
    return snapshot;
  }

  /** The file that defines a running route, if a file does. */
  public Optional<String> fileOf(String routeId) {
    return Optional.ofNullable(fileByRoute.get(routeId));
  }

  private void rememberBuiltIns() {
    if (builtInIds.isEmpty()) {
      for (RouteDefinition route : camel.getRouteDefinitions()) {
        builtInIds.add(route.getRouteId());
      }
    }
  }

  private List<FileContent> scan() {
    if (directory == null || !Files.isDirectory(directory)) {
      return List.of();
    }
    List<Path> paths = new ArrayList<>();
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(directory, "*" + SUFFIX)) {
      for (Path path : stream) {
        if (Files.isRegularFile(path)) {
          paths.add(path);
        }
      }
    } catch (IOException e) {
      LOG.log(Level.WARNING, "Cannot list the route directory " + directory, e);
      return List.of();
    }
    paths.sort(null);
    List<FileContent> contents = new ArrayList<>();
    for (Path path : paths) {
      String name = path.getFileName().toString();
      try {
        byte[] bytes = Files.readAllBytes(path);
        contents.add(new FileContent(name, bytes, fingerprint(bytes), null));
      } catch (IOException e) {
        contents.add(new FileContent(name, null, "unreadable", "cannot read the file: " + e.getMessage()));
      }
    }
    return contents;
  }

  /** Loads one file; every failure ends up in the returned status, with the context as it was before. */
  private RouteFileStatus load(FileContent file) {
    Instant now = clock.instant();
    if (file.readError() != null) {
      return failed(file.name(), List.of(), List.of(), new Failure(file.readError(), null), now);
    }
    List<RouteDefinition> routes;
    try {
      routes = parse(file);
    } catch (Exception e) {
      return failed(file.name(), List.of(), List.of(), describe(e), now);
    }
    List<String> ids = routes.stream().map(RouteDefinition::getId).filter(Objects::nonNull).toList();
    List<String> replaced = ids.stream().filter(builtInIds::contains).toList();
    try {
      check(file.name(), routes);
      for (String id : replaced) {
        if (!detachedBuiltIns.containsKey(id)) {
          detach(id);
        }
      }
      try {
        camel.addRouteDefinitions(routes);
      } catch (Exception e) {
        removeQuietly(ids);
        throw e;
      }
    } catch (Exception e) {
      // Built-ins taken out for this file come back with restoreUnclaimedBuiltIns().
      return failed(file.name(), ids, replaced, describe(e), now);
    }
    LOG.info(() -> "Route file " + file.name() + " loaded: routes " + ids
        + (replaced.isEmpty() ? "" : ", replacing built-in routes " + replaced));
    return new RouteFileStatus(file.name(), RouteFileState.LOADED, ids, replaced, null, null, now);
  }

  /** Parses a file into prepared route definitions (shared configurations applied), adding nothing. */
  private List<RouteDefinition> parse(FileContent file) throws Exception {
    // The location names the file only: it shows in route sources and errors, never a server path.
    Resource resource = ResourceHelper.fromBytes("file:" + file.name(), file.bytes());
    Collection<RoutesBuilder> builders = PluginHelper.getRoutesLoader(camel).findRoutesBuilders(resource);
    List<RouteDefinition> routes = new ArrayList<>();
    for (RoutesBuilder builder : builders) {
      if (!(builder instanceof RouteBuilder routeBuilder)) {
        throw new RouteFileException("unsupported content: " + builder.getClass().getSimpleName());
      }
      routeBuilder.configureRoutes(camel);
      if (routeBuilder instanceof RouteConfigurationBuilder configurations && hasRouteConfigurations(configurations)) {
        throw new RouteFileException("route files hold routes only: move the routeConfiguration out of the file");
      }
      if (!routeBuilder.getRestCollection().getRests().isEmpty()) {
        throw new RouteFileException("route files hold routes only: the REST DSL is not supported here");
      }
      if (!routeBuilder.getRouteTemplateCollection().getRouteTemplates().isEmpty()
          || !routeBuilder.getTemplatedRouteCollection().getTemplatedRoutes().isEmpty()) {
        throw new RouteFileException("route files hold routes only: route templates are not supported here");
      }
      routes.addAll(routeBuilder.getRouteCollection().getRoutes());
    }
    return routes;
  }

  /** Reads a builder's route configurations without adding them to the context. */
  private static boolean hasRouteConfigurations(RouteConfigurationBuilder builder) throws Exception {
    builder.configuration();
    return !builder.getRouteConfigurationCollection().getRouteConfigurations().isEmpty();
  }

  private void check(String fileName, List<RouteDefinition> routes) throws RouteFileException {
    if (routes.isEmpty()) {
      throw new RouteFileException("the file defines no route");
    }
    Set<String> seen = new LinkedHashSet<>();
    for (RouteDefinition route : routes) {
      String id = route.getId();
      if (id == null || id.isBlank() || !route.hasCustomIdAssigned()) {
        throw new RouteFileException("every route needs an id (route from " + route.getEndpointUrl() + ")");
      }
      if (!seen.add(id)) {
        throw new RouteFileException("route id " + id + " appears twice in the file");
      }
      String owner = fileByRouteNow().get(id);
      if (owner != null && !owner.equals(fileName)) {
        throw new RouteFileException("route id " + id + " is already defined by " + owner);
      }
    }
  }

  private void unload(String name, Tracked tracked) {
    files.remove(name);
    if (tracked.status().loaded()) {
      removeQuietly(tracked.status().routeIds());
      LOG.info(() -> "Route file " + name + " unloaded: routes " + tracked.status().routeIds() + " removed");
    }
  }

  /** Takes a built-in route out of the context, keeping its definition to restore it later. */
  private void detach(String id) throws Exception {
    RouteDefinition definition = camel.getRouteDefinition(id);
    if (definition == null) {
      return;
    }
    camel.removeRouteDefinition(definition);
    detachedBuiltIns.put(id, definition);
  }

  private void restoreUnclaimedBuiltIns() {
    Map<String, String> claimed = fileByRouteNow();
    for (String id : new ArrayList<>(detachedBuiltIns.keySet())) {
      if (claimed.containsKey(id)) {
        continue;
      }
      RouteDefinition definition = detachedBuiltIns.get(id);
      try {
        camel.addRouteDefinition(definition);
        detachedBuiltIns.remove(id);
        LOG.info(() -> "Built-in route " + id + " restored");
      } catch (Exception e) {
        // Kept detached: the next reload tries again; meanwhile the route is missing from the listing.
        removeQuietly(List.of(id));
        LOG.log(Level.SEVERE, "Built-in route " + id + " could not be restored", e);
      }
    }
  }

  /** Stops and removes routes (and their definitions) that may or may not be in the context. */
  private void removeQuietly(List<String> ids) {
    for (String id : ids) {
      try {
        RouteDefinition definition = camel.getRouteDefinition(id);
        if (definition != null) {
          camel.removeRouteDefinition(definition);
        } else if (camel.getRoute(id) != null) {
          camel.getRouteController().stopRoute(id);
          camel.removeRoute(id);
        }
      } catch (Exception e) {
        LOG.log(Level.WARNING, "Route " + id + " could not be removed", e);
      }
    }
  }

  private Map<String, String> fileByRouteNow() {
    Map<String, String> owners = new HashMap<>();
    files.forEach((name, tracked) -> {
      if (tracked.status().loaded()) {
        tracked.status().routeIds().forEach(id -> owners.put(id, name));
      }
    });
    return owners;
  }

  private void publish() {
    snapshot = files.values().stream().map(Tracked::status).toList();
    fileByRoute = Map.copyOf(fileByRouteNow());
  }

  private RouteFileStatus failed(String name, List<String> ids, List<String> replaced, Failure failure, Instant at) {
    LOG.warning(() -> "Route file " + name + " failed" + (failure.line() == null ? "" : " at line " + failure.line())
        + ": " + failure.message());
    return new RouteFileStatus(name, RouteFileState.FAILED, ids, replaced, failure.message(), failure.line(), at);
  }

  /** A short, single-line reason with the line of the file when the YAML parser knows it. */
  static Failure describe(Throwable error) {
    Integer line = null;
    String message = null;
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof MarkedYamlEngineException marked) {
        Optional<Mark> mark = marked.getProblemMark().or(marked::getContextMark);
        if (mark.isPresent()) {
          line = mark.get().getLine() + 1;
        }
        message = marked.getProblem() != null ? marked.getProblem() : marked.getContext();
        break;
      }
    }
    if (message == null) {
      Throwable root = error;
      while (root.getCause() != null && root.getCause() != root) {
        root = root.getCause();
      }
      message = root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
      if (error instanceof FailedToCreateRouteException || error instanceof FailedToStartRouteException) {
        String routeId = error instanceof FailedToCreateRouteException c ? c.getRouteId()
            : ((FailedToStartRouteException) error).getRouteId();
        message = "route " + routeId + ": " + message;
      }
    }
    message = message.replaceAll("\\s+", " ").strip();
    if (message.length() > MAX_ERROR_LENGTH) {
      message = message.substring(0, MAX_ERROR_LENGTH) + "…";
    }
    return new Failure(message, line);
  }

  private static String fingerprint(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
