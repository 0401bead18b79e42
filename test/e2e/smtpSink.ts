/* eslint-disable -- test, emulator, benchmark or script code: never shipped to n8n (package files are dist/ only) */
/**
 * A local SMTP sink for tests and the demo: accepts every message (no auth, no TLS offered) and
 * keeps it in memory. Stands in for Gmail/Resend, which cannot run here.
 */
import * as net from 'node:net';

export interface SinkMessage {
	from: string;
	to: string[];
	data: string;
	subject?: string;
}

export interface SmtpSink {
	port: number;
	messages: SinkMessage[];
	close(): Promise<void>;
}

export async function startSmtpSink(port = 0): Promise<SmtpSink> {
	const messages: SinkMessage[] = [];
	const sockets = new Set<net.Socket>();
	const server = net.createServer((socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
		let buffer = '';
		let inData = false;
		let current: SinkMessage = { from: '', to: [], data: '' };
		const reply = (line: string) => socket.write(`${line}\r\n`);
		reply('220 sink.local ESMTP test sink');
		socket.on('data', (chunk) => {
			buffer += chunk.toString('utf8');
			for (;;) {
				if (inData) {
					const end = buffer.indexOf('\r\n.\r\n');
					if (end < 0) return;
					current.data = buffer.slice(0, end).replace(/^\.\./gm, '.');
					current.subject = /^Subject: (.*)$/im.exec(current.data)?.[1];
					messages.push(current);
					current = { from: '', to: [], data: '' };
					buffer = buffer.slice(end + 5);
					inData = false;
					reply('250 OK queued');
					continue;
				}
				const newline = buffer.indexOf('\r\n');
				if (newline < 0) return;
				const line = buffer.slice(0, newline);
				buffer = buffer.slice(newline + 2);
				const command = line.slice(0, 4).toUpperCase();
				if (command === 'EHLO') {
					reply('250-sink.local');
					reply('250 8BITMIME');
				} else if (command === 'HELO') reply('250 sink.local');
				else if (command === 'MAIL') {
					current.from = /<([^>]*)>/.exec(line)?.[1] ?? '';
					reply('250 OK');
				} else if (command === 'RCPT') {
					current.to.push(/<([^>]*)>/.exec(line)?.[1] ?? '');
					reply('250 OK');
				} else if (command === 'DATA') {
					inData = true;
					reply('354 End data with <CR><LF>.<CR><LF>');
				} else if (command === 'QUIT') {
					reply('221 Bye');
					socket.end();
				} else if (command === 'RSET' || command === 'NOOP') reply('250 OK');
				else reply('502 Command not implemented');
			}
		});
	});
	await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', () => resolve()));
	return {
		port: (server.address() as net.AddressInfo).port,
		messages,
		close: async () => {
			for (const socket of sockets) socket.destroy();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		},
	};
}
