package org.clientele.crm.impl.persistence;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;

/**
 * A connection whose statements record each execution ({@code execute*}, {@code executeBatch} as one) in the
 * thread's {@link StatementTally}. Everything else, {@code unwrap} included, reaches the real connection.
 */
final class CountingConnections {

  private CountingConnections() {}

  static Connection wrap(Connection connection) {
    return (Connection) proxy(Connection.class, connection, (target, method, args) -> {
      Object result = invoke(target, method, args);
      Class<?> type = method.getReturnType();
      if (result instanceof Statement statement && Statement.class.isAssignableFrom(type)) {
        return statement(type, statement);
      }
      return result;
    });
  }

  private static Object statement(Class<?> type, Statement statement) {
    Class<?> as = type == CallableStatement.class ? CallableStatement.class
        : type == PreparedStatement.class ? PreparedStatement.class : Statement.class;
    return proxy(as, statement, (target, method, args) -> {
      if (method.getName().startsWith("execute")) {
        StatementTally.record();
      }
      return invoke(target, method, args);
    });
  }

  @FunctionalInterface
  private interface Handler {
    Object handle(Object target, Method method, Object[] args) throws Throwable;
  }

  private static Object proxy(Class<?> type, Object target, Handler handler) {
    InvocationHandler h = (proxy, method, args) -> handler.handle(target, method, args);
    return Proxy.newProxyInstance(CountingConnections.class.getClassLoader(), new Class<?>[] {type}, h);
  }

  private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }
}
