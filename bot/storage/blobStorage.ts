// Azure Blob Storage for deployments with several replicas: botbuilder-azure-blobs' BlobsStorage (reads, writes
// with eTag conditions, deletes), plus `keys(prefix)` to list documents for complaints, feedback, transcripts
// and the retention purge, which botbuilder's Storage interface cannot do.
import { BlobsStorage } from 'botbuilder-azure-blobs';
import { ContainerClient } from '@azure/storage-blob';
import type { DocumentStorage } from './documentStorage';

export class BlobStorage extends BlobsStorage implements DocumentStorage {
  private readonly container: ContainerClient;
  private ready?: Promise<unknown>;

  constructor(connectionString: string, containerName: string) {
    super(connectionString, containerName);
    this.container = new ContainerClient(connectionString, containerName);
  }

  private init(): Promise<unknown> {
    this.ready ??= this.container.createIfNotExists();
    return this.ready;
  }

  async keys(prefix: string): Promise<string[]> {
    await this.init();
    const keys: string[] = [];
    for await (const blob of this.container.listBlobsFlat({ prefix: encodeURIComponent(prefix) })) keys.push(decodeURIComponent(blob.name));
    return keys.sort();
  }

  async modifiedBefore(cutoff: Date): Promise<string[]> {
    await this.init();
    const keys: string[] = [];
    for await (const blob of this.container.listBlobsFlat()) {
      if (blob.properties.lastModified < cutoff) keys.push(decodeURIComponent(blob.name));
    }
    return keys.sort();
  }

  close(): void {
    // HTTP clients need no closing.
  }
}
