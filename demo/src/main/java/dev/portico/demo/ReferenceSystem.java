package dev.portico.demo;

import java.io.IOException;

/** The three reference backends, each its own server on 127.0.0.1 with its own data store. */
public final class ReferenceSystem implements AutoCloseable {
    public final UserService users;
    public final ProductService products;
    public final OrderService orders;

    public ReferenceSystem(int usersPort, int productsPort, int ordersPort) {
        users = new UserService(usersPort);
        products = new ProductService(productsPort);
        orders = new OrderService(ordersPort);
    }

    public ReferenceSystem start() throws IOException {
        users.start();
        products.start();
        orders.start();
        return this;
    }

    /** Forgets recorded requests and clears every injected fault. */
    public void reset() {
        users.reset();
        products.reset();
        orders.reset();
    }

    @Override
    public void close() {
        users.close();
        products.close();
        orders.close();
    }

    /** Runs the reference system until the process is stopped. Args: users, products, orders ports. */
    public static void main(String[] args) throws Exception {
        int u = args.length > 0 ? Integer.parseInt(args[0]) : 9091;
        int p = args.length > 1 ? Integer.parseInt(args[1]) : 9092;
        int o = args.length > 2 ? Integer.parseInt(args[2]) : 9093;
        ReferenceSystem system = new ReferenceSystem(u, p, o).start();
        Runtime.getRuntime().addShutdownHook(new Thread(system::close));
        System.out.printf("Reference backends up: users http://127.0.0.1:%d/users, products grpc 127.0.0.1:%d,"
                + " orders http://127.0.0.1:%d/graphql%n", u, p, o);
        Thread.currentThread().join();
    }
}
