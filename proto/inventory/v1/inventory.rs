//! Package `inventory.v1` (inventory.proto beside this file), written out by
//! hand in the shape `tonic-prost-build` generates, so that building the
//! example and its tests needs no `protoc`. Keep it in step with the .proto:
//! tests/grpc_client.py compiles the .proto and talks to this code.

use tonic::codegen::{Arc, BoxFuture, Context, Poll, Service, StdError, http};

/// `inventory.v1.GetMachineRequest`.
#[derive(Clone, Copy, PartialEq, Eq, ::prost::Message)]
pub struct GetMachineRequest {
    /// The machine's id.
    #[prost(uint64, tag = "1")]
    pub id: u64,
}

/// `inventory.v1.Machine`.
#[derive(Clone, PartialEq, Eq, ::prost::Message)]
pub struct Machine {
    /// Its id.
    #[prost(uint64, tag = "1")]
    pub id: u64,
    /// Its DNS name.
    #[prost(string, tag = "2")]
    pub computer_dns_name: String,
    /// Whether it is isolated from the network.
    #[prost(bool, tag = "3")]
    pub isolated: bool,
}

/// `inventory.v1.IsolateMachinesRequest`.
#[derive(Clone, PartialEq, Eq, ::prost::Message)]
pub struct IsolateMachinesRequest {
    /// The machines to isolate.
    #[prost(uint64, repeated, tag = "1")]
    pub machine_ids: Vec<u64>,
    /// Why.
    #[prost(string, tag = "2")]
    pub comment: String,
}

/// `inventory.v1.IsolateMachinesResponse`.
#[derive(Clone, PartialEq, Eq, ::prost::Message)]
pub struct IsolateMachinesResponse {
    /// The machines now isolated.
    #[prost(uint64, repeated, tag = "1")]
    pub isolated: Vec<u64>,
}

/// The full name of the service.
pub const SERVICE_NAME: &str = "inventory.v1.Inventory";
const GET_MACHINE: &str = "/inventory.v1.Inventory/GetMachine";
const ISOLATE_MACHINES: &str = "/inventory.v1.Inventory/IsolateMachines";

/// The client of `inventory.v1.Inventory`.
pub mod inventory_client {
    use super::{GET_MACHINE, ISOLATE_MACHINES, StdError, http};
    use tonic::codegen::Body;

    /// A client over any tonic transport (`tonic::transport::Channel`).
    #[derive(Debug, Clone)]
    pub struct InventoryClient<T> {
        inner: tonic::client::Grpc<T>,
    }

    impl InventoryClient<tonic::transport::Channel> {
        /// Connects to `dst` (`http://127.0.0.1:50051`).
        ///
        /// # Errors
        /// When the address is invalid or the connection fails.
        pub async fn connect<D>(dst: D) -> Result<Self, tonic::transport::Error>
        where
            D: TryInto<tonic::transport::Endpoint>,
            D::Error: Into<StdError>,
        {
            let channel = tonic::transport::Endpoint::new(dst)?.connect().await?;
            Ok(Self::new(channel))
        }
    }

    impl<T> InventoryClient<T>
    where
        T: tonic::client::GrpcService<tonic::body::Body>,
        T::Error: Into<StdError>,
        T::ResponseBody: Body<Data = tonic::codegen::Bytes> + Send + 'static,
        <T::ResponseBody as Body>::Error: Into<StdError> + Send,
    {
        /// A client over `inner`.
        pub fn new(inner: T) -> Self {
            Self {
                inner: tonic::client::Grpc::new(inner),
            }
        }

        /// `GetMachine`.
        ///
        /// # Errors
        /// The server's status.
        pub async fn get_machine(
            &mut self,
            request: impl tonic::IntoRequest<super::GetMachineRequest>,
        ) -> Result<tonic::Response<super::Machine>, tonic::Status> {
            self.unary(request, GET_MACHINE, "GetMachine").await
        }

        /// `IsolateMachines`.
        ///
        /// # Errors
        /// The server's status.
        pub async fn isolate_machines(
            &mut self,
            request: impl tonic::IntoRequest<super::IsolateMachinesRequest>,
        ) -> Result<tonic::Response<super::IsolateMachinesResponse>, tonic::Status> {
            self.unary(request, ISOLATE_MACHINES, "IsolateMachines")
                .await
        }

        async fn unary<M1, M2>(
            &mut self,
            request: impl tonic::IntoRequest<M1>,
            path: &'static str,
            method: &'static str,
        ) -> Result<tonic::Response<M2>, tonic::Status>
        where
            M1: prost::Message + Send + Sync + 'static,
            M2: prost::Message + Default + Send + Sync + 'static,
        {
            self.inner.ready().await.map_err(|e| {
                tonic::Status::unknown(format!("Service was not ready: {}", e.into()))
            })?;
            let codec = tonic_prost::ProstCodec::default();
            let mut request = request.into_request();
            request
                .extensions_mut()
                .insert(tonic::GrpcMethod::new(super::SERVICE_NAME, method));
            let path = http::uri::PathAndQuery::from_static(path);
            self.inner.unary(request, path, codec).await
        }
    }
}

/// The server of `inventory.v1.Inventory`.
pub mod inventory_server {
    use super::{Arc, BoxFuture, Context, GET_MACHINE, ISOLATE_MACHINES, Poll, Service, http};
    use core::future::Future;

    /// What a server of `inventory.v1.Inventory` implements.
    pub trait Inventory: Send + Sync + 'static {
        /// `GetMachine`.
        fn get_machine(
            &self,
            request: tonic::Request<super::GetMachineRequest>,
        ) -> impl Future<Output = Result<tonic::Response<super::Machine>, tonic::Status>> + Send;

        /// `IsolateMachines`.
        fn isolate_machines(
            &self,
            request: tonic::Request<super::IsolateMachinesRequest>,
        ) -> impl Future<
            Output = Result<tonic::Response<super::IsolateMachinesResponse>, tonic::Status>,
        > + Send;
    }

    /// The tower service that routes the two methods to an [`Inventory`].
    #[derive(Debug)]
    pub struct InventoryServer<T> {
        inner: Arc<T>,
    }

    impl<T> InventoryServer<T> {
        /// Serves `inner`.
        pub fn new(inner: T) -> Self {
            Self {
                inner: Arc::new(inner),
            }
        }
    }

    impl<T> Clone for InventoryServer<T> {
        fn clone(&self) -> Self {
            Self {
                inner: Arc::clone(&self.inner),
            }
        }
    }

    impl<T> tonic::server::NamedService for InventoryServer<T> {
        const NAME: &'static str = super::SERVICE_NAME;
    }

    /// One method as a `tonic::server::UnaryService`.
    struct Method<T, M>(Arc<T>, M);

    impl<T, Req, Res, F, Fut> tonic::server::UnaryService<Req> for Method<T, F>
    where
        T: Inventory,
        F: Fn(Arc<T>, tonic::Request<Req>) -> Fut,
        Fut: Future<Output = Result<tonic::Response<Res>, tonic::Status>> + Send + 'static,
    {
        type Response = Res;
        type Future = BoxFuture<tonic::Response<Res>, tonic::Status>;

        fn call(&mut self, request: tonic::Request<Req>) -> Self::Future {
            Box::pin((self.1)(Arc::clone(&self.0), request))
        }
    }

    impl<T: Inventory> Service<http::Request<tonic::body::Body>> for InventoryServer<T> {
        type Response = http::Response<tonic::body::Body>;
        type Error = std::convert::Infallible;
        type Future = BoxFuture<Self::Response, Self::Error>;

        fn poll_ready(&mut self, _: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
            Poll::Ready(Ok(()))
        }

        fn call(&mut self, request: http::Request<tonic::body::Body>) -> Self::Future {
            let inner = Arc::clone(&self.inner);
            match request.uri().path() {
                GET_MACHINE => Box::pin(async move {
                    let method = Method(inner, |inner: Arc<T>, request| async move {
                        inner.get_machine(request).await
                    });
                    let mut grpc = tonic::server::Grpc::new(tonic_prost::ProstCodec::default());
                    Ok(grpc.unary(method, request).await)
                }),
                ISOLATE_MACHINES => Box::pin(async move {
                    let method = Method(inner, |inner: Arc<T>, request| async move {
                        inner.isolate_machines(request).await
                    });
                    let mut grpc = tonic::server::Grpc::new(tonic_prost::ProstCodec::default());
                    Ok(grpc.unary(method, request).await)
                }),
                _ => Box::pin(async move {
                    Ok(tonic::Status::unimplemented("no such method").into_http())
                }),
            }
        }
    }
}
